# One INTERFACE target carries the project's warning flags; targets link it PRIVATE.
add_library(folio_warnings INTERFACE)
target_compile_options(folio_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wnon-virtual-dtor
  -Wold-style-cast -Wimplicit-fallthrough
  $<$<BOOL:${FOLIO_WERROR}>:-Werror>)
