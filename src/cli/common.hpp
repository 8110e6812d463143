#pragma once
// What every subcommand shares: the global options and the ways to act on them.
#include <optional>
#include <string>
#include <vector>

#include "pilot/date.hpp"
#include "pilot/render.hpp"
#include "pilot/repository.hpp"
#include "pilot/text.hpp"

namespace CLI {
class App;
}

namespace pilot::cli {

// Global options, accepted before or after the subcommand.
struct Globals {
  std::string repo;
  std::string as_of;
  bool as_of_given = false;  // --as-of was on the command line (even as '')
  std::string lang;
  std::string color = "auto";
  bool quiet = false;
  unsigned jobs = 0;
  int exit_code = 0;  // set by the subcommand that ran
};

// A usage problem (a mistyped subcommand, option or value; a bad --as-of ...): the driver
// prints `pilot: error: TEXT` (then the hint, if any) in --lang and exits 2. A plain string is
// shown as it is in both languages (for text already in the user's language).
struct UsageError : std::runtime_error {
  explicit UsageError(Text message, Text hint_text = {})
      : std::runtime_error(message.en), text(std::move(message)), hint(std::move(hint_text)) {}
  explicit UsageError(const std::string& same_in_both)
      : UsageError(Text{same_in_both, same_in_both}) {}
  Text text;
  Text hint;
};

Lang lang_of(const Globals& g);
Date as_of(const Globals& g);  // --as-of, $PILOT_TODAY, today; throws UsageError (also for '')
Color color_of(const Globals& g);
std::filesystem::path repo_root(const Globals& g);  // throws RepositoryNotFound
Repository load(const Globals& g);                  // find + load, progress on a terminal

// Hands `value` over to the process: it lives until exit and is never destroyed. Freeing every
// record and finding of a large repository just before exit cost ~6% of `pilot validate`'s CPU
// on 50,000 files (perf, docs/performance.md); the kernel takes the memory back at once. The
// object stays reachable from a global table, so LeakSanitizer does not call it a leak; sanitizer
// builds destroy it at exit anyway, so that it is checked like everything else.
void* keep_pointer_until_exit(void* p, void (*destroy)(void*));
template <class T>
T& keep_until_exit(T&& value) {
  T* kept = new T(std::move(value));
  keep_pointer_until_exit(kept, [](void* p) { delete static_cast<T*>(p); });
  return *kept;
}

// What a subcommand prints goes to stdout, through this Sink when it streams (render.hpp). A
// failed write (a full disk) is noticed by the driver, which then says so and exits 2 whatever
// the subcommand returned: never exit 0 with a cut output (SPEC §4).
Sink stdout_sink();

// Comma- or space-separated list ("R501,R502" or repeated flags).
std::vector<std::string> split_list(const std::vector<std::string>& values);

// Output formats for the views, shared by status / report / compliance / list.
inline const std::vector<std::string> k_table_formats{"table", "md", "csv", "json"};

// A subcommand: registers itself on the app; its callback sets g.exit_code.
using Setup = void (*)(CLI::App& app, Globals& g);

void setup_validate(CLI::App& app, Globals& g);
void setup_rules(CLI::App& app, Globals& g);  // `rules` and `explain`
void setup_calendar(CLI::App& app, Globals& g);
void setup_status(CLI::App& app, Globals& g);
void setup_report(CLI::App& app, Globals& g);
void setup_compliance(CLI::App& app, Globals& g);
void setup_funds(CLI::App& app, Globals& g);
void setup_list(CLI::App& app, Globals& g);
void setup_init(CLI::App& app, Globals& g);
void setup_add(CLI::App& app, Globals& g);
void setup_decide(CLI::App& app, Globals& g);  // `approve` and `reject`
void setup_set(CLI::App& app, Globals& g);
void setup_year(CLI::App& app, Globals& g);  // `year open`
void setup_completions(CLI::App& app, Globals& g);
void setup_schema(CLI::App& app, Globals& g);
void setup_complete_ids(CLI::App& app, Globals& g);  // hidden `__complete KIND`, for the completion scripts
void setup_lsp(CLI::App& app, Globals& g);

int run_cli(int argc, char** argv);

}  // namespace pilot::cli
