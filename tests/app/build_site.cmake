# Fixture for the viewer tests (tests/app): the demo archive built into WORK/site with a stand-in app
# (the viewer under test is native; the site's data files are what it reads), and what `folio search`
# answers for the queries the tests type, as an oracle the viewer's result list must match.
include("${SRC}/tests/cli/stand_in_app.cmake")
make_stand_in_app()
execute_process(COMMAND "${FOLIO}" build "${SRC}/assets/demo/_posts" -o "${WORK}/site" --app-dir "${WORK}/app" -q
                RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "folio build of the demo failed (${rc}): ${err}")
endif()
function(search_oracle name text)
  execute_process(COMMAND "${FOLIO}" search "${WORK}/site" "${text}" --json --limit 1000
                  RESULT_VARIABLE rc OUTPUT_FILE "${WORK}/search-${name}.json")
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "folio search ${text} failed (${rc})")
  endif()
endfunction()
search_oracle(typhoon "台风")
