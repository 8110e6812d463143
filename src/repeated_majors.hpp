#pragma once
// SPEC §2.2: a list that names the same major twice (a pilot's `majors`, an exam's `results`) is
// S002 at the second entry. Internal to the loader; records.cpp calls these once per list.
#include <vector>

#include "pilot/diagnostic.hpp"
#include "pilot/model.hpp"

namespace pilot {

// Reports S002 (file left empty, as RecordReader::problem does) at the `major` of every entry
// whose valid major an earlier entry already names, and removes those entries, so that rules
// see each major once (the first entry counts).
void drop_repeated_majors(std::vector<PilotMajor>& majors, std::vector<Diagnostic>& out);
void drop_repeated_majors(std::vector<ExamResult>& results, std::vector<Diagnostic>& out);

}  // namespace pilot
