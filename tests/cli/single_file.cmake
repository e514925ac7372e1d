# folio build --single-file and the service worker list, with the real page files and a stand-in app.
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}/app")
foreach(f index.html folio.css folio-shell.js sw.js manifest.webmanifest icon.svg)
  file(COPY "${SRC}/web/${f}" DESTINATION "${WORK}/app")
endforeach()
file(WRITE "${WORK}/app/app.wasm" "wasm")
file(WRITE "${WORK}/app/app.js" "var Module;")
set(posts "${SRC}/tests/fixtures/ingest")

# Neither -o nor --single-file: a usage error.
execute_process(COMMAND "${FOLIO}" build "${posts}" --app-dir "${WORK}/app" RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 2 OR NOT err MATCHES "single-file")
  message(FATAL_ERROR "folio build without an output should exit 2 (${rc}: ${err})")
endif()

# --single-file alone writes one file holding every data file, and no folder.
execute_process(COMMAND "${FOLIO}" build "${posts}" --single-file "${WORK}/one.html" --app-dir "${WORK}/app" -q
                RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0 OR NOT EXISTS "${WORK}/one.html")
  message(FATAL_ERROR "folio build --single-file failed (${rc}): ${err}")
endif()
file(READ "${WORK}/one.html" html)
foreach(want "data-path=\"app.wasm\"" "data-path=\"data/manifest.json\"" "data-path=\"data/meta-" "data-path=\"data/body-"
             "data-path=\"data/search-docs-" "script-src 'sha256-")
  string(FIND "${html}" "${want}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "the single file lacks ${want}")
  endif()
endforeach()
file(GLOB leftovers "${WORK}/.one.html*" "${WORK}/site")
if(leftovers)
  message(FATAL_ERROR "left behind: ${leftovers}")
endif()

# Over the size limit: a clear error, exit 1, and the existing file is untouched.
file(SHA256 "${WORK}/one.html" before)
execute_process(COMMAND "${FOLIO}" build "${posts}" -o "${WORK}/site" --single-file "${WORK}/one.html"
                        --single-file-limit 0.001 --app-dir "${WORK}/app" -q RESULT_VARIABLE rc ERROR_VARIABLE err)
file(SHA256 "${WORK}/one.html" after)
if(NOT rc EQUAL 1 OR NOT err MATCHES "over the .* MB limit" OR NOT before STREQUAL after OR EXISTS "${WORK}/site")
  message(FATAL_ERROR "the size limit was not enforced (${rc}): ${err}")
endif()

# With -o too: the site's sw.js lists every file of the site, and is the same on a rebuild.
execute_process(COMMAND "${FOLIO}" build "${posts}" -o "${WORK}/site" --single-file "${WORK}/two.html"
                        --app-dir "${WORK}/app" -q RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0 OR NOT EXISTS "${WORK}/two.html" OR NOT EXISTS "${WORK}/site/sw.js")
  message(FATAL_ERROR "folio build -o --single-file failed (${rc}): ${err}")
endif()
file(READ "${WORK}/site/sw.js" sw)
file(GLOB_RECURSE site_files RELATIVE "${WORK}/site" "${WORK}/site/*")
foreach(f ${site_files})
  string(FIND "${sw}" "\"path\":\"${f}\"" at)
  if(at EQUAL -1 AND NOT f STREQUAL "sw.js")
    message(FATAL_ERROR "sw.js does not list ${f}")
  endif()
endforeach()
file(SHA256 "${WORK}/site/sw.js" first)
execute_process(COMMAND "${FOLIO}" build "${posts}" -o "${WORK}/site" --app-dir "${WORK}/app" -q RESULT_VARIABLE rc)
file(SHA256 "${WORK}/site/sw.js" second)
if(NOT first STREQUAL second)
  message(FATAL_ERROR "a rebuild of the same posts changed sw.js")
endif()
