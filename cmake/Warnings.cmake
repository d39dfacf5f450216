# Warnings as an INTERFACE target: link Shotcraft::warnings privately to opt in.
add_library(shotcraft_warnings INTERFACE)
add_library(Shotcraft::warnings ALIAS shotcraft_warnings)
target_compile_options(shotcraft_warnings INTERFACE
  $<$<CXX_COMPILER_ID:GNU,Clang>:-Wall -Wextra -Wpedantic -Wshadow=local -Wnon-virtual-dtor
    -Wcast-align -Woverloaded-virtual -Wnull-dereference -Wimplicit-fallthrough>
  $<$<BOOL:${SHOTCRAFT_WERROR}>:-Werror>)
