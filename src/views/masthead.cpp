// The masthead every view carries (SPEC §5).
#include "pilot/views.hpp"

namespace pilot {

Masthead masthead(const Config& config, const Date& as_of) {
  return Masthead{config.school_name, config.school_office, as_of, as_of};
}

}  // namespace pilot
