#pragma once
// Usage errors a user can act on (issue 16 item 5): values checked with a "did you mean", CLI11's
// parse errors reworded in --lang, and --help that shows the global options on every subcommand.
#include <memory>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "common.hpp"

namespace pilot::cli {

// The option's value must be one of `choices`; else a UsageError naming the option, with a
// "did you mean" for a likely typo. --help shows the choices as "TEXT:{a,b,c}" (the completion
// model reads them from there, as it reads CLI::IsMember's). Returns `opt`.
CLI::Option* with_choices(CLI::Option* opt, std::vector<std::string> choices);
// The value must be a whole number from lo to hi; --help shows NUM. Returns `opt`.
CLI::Option* with_range(CLI::Option* opt, long long lo, long long hi);
// --help shows DATE (the value is checked where it is used). Returns `opt`.
CLI::Option* as_date(CLI::Option* opt);

// The language of a usage error: --lang zh|en where it stands on the command line (it may not be
// parsed yet), else $PILOT_LANG, LC_ALL, LANG.
Lang usage_lang(int argc, const char* const* argv);

// CLI11's parse error as a UsageError in both languages: an unknown subcommand, option or
// argument named with a "did you mean" (found by walking argv as CLI11 does), a missing value or
// option, and a hint naming `pilot ... --help`.
UsageError explain_parse_error(const CLI::ParseError& e, const CLI::App& app, int argc,
                               const char* const* argv);

// The help formatter for every command: a subcommand's help ends with the global options.
std::shared_ptr<CLI::Formatter> help_formatter();

}  // namespace pilot::cli
