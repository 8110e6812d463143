#pragma once
// X001 (secrets) and X002 (personal data): scans of every file's text values, whatever the
// record's status; and the S002 for a control or bidirectional character in any scalar (SPEC
// §2.2). Pure functions of one parsed document (or pilot.toml's strings).
#include <vector>

#include "pilot/config.hpp"
#include "pilot/diagnostic.hpp"
#include "pilot/yaml.hpp"

namespace pilot {

// Appends X001/X002 findings, and S002 for control characters, for one record document (file
// left empty: the caller sets it).
void scan_document_security(const YNode& root, std::vector<Diagnostic>& out);

// Appends X001 findings for pilot.toml (file = "pilot.toml").
void scan_config_security(const Config& config, std::vector<Diagnostic>& out);

}  // namespace pilot
