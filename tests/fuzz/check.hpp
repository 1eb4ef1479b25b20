// Shared by the fuzz targets: a broken property is a finding, reported and aborted on.
#pragma once

#include <cstdio>
#include <cstdlib>

inline void check(bool condition, const char* what) {
  if (!condition) {
    std::fprintf(stderr, "finding: %s\n", what);
    std::abort();
  }
}
