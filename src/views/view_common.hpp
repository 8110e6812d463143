#pragma once
// Shared by the view computations (not part of the library interface).
#include "pilot/views.hpp"

namespace pilot::views_detail {

// The identity of one book row: names looked up in the repository.
PilotMajorId identify(const Repository& repo, const MajorProgress& row);

// 31 Dec of a year.
inline Date year_end(int year) { return Date{year, 12, 31}; }

// The pilot year of a book row (0 when the pilot has no valid year).
inline int year_of(const MajorProgress& row) {
  return row.pilot != nullptr && row.pilot->year.valid ? row.pilot->year.value : 0;
}

}  // namespace pilot::views_detail
