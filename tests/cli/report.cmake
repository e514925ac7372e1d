# folio build --report: a file is replaced atomically (a new file renamed into place, so another
# name for the old one keeps the old bytes); a link, or /dev/stdout, is written through.
cmake_minimum_required(VERSION 3.19)  # string(JSON), and if() reads quoted words as words
include("${CMAKE_CURRENT_LIST_DIR}/stand_in_app.cmake")
make_stand_in_app()
macro(build_with_report report)
  execute_process(COMMAND "${FOLIO}" build "${SRC}/tests/fixtures/ingest" -o "${WORK}/site" --app-dir "${WORK}/app"
                          --no-font -q --report "${report}" RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
endmacro()
macro(expect_report text what)
  string(JSON seen ERROR_VARIABLE json_error GET "${text}" files_seen)
  if(json_error OR seen LESS 1)
    message(FATAL_ERROR "${what} is not the report: ${text}")
  endif()
endmacro()

# Replaced, not rewritten in place: the old file's other name still reads "old".
file(WRITE "${WORK}/report.json" "old")
file(CREATE_LINK "${WORK}/report.json" "${WORK}/old-name.json")
build_with_report("${WORK}/report.json")
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "folio build failed (${rc}): ${err}")
endif()
file(READ "${WORK}/report.json" report)
expect_report("${report}" "report.json")
file(READ "${WORK}/old-name.json" old_bytes)
if(NOT old_bytes STREQUAL "old")
  message(FATAL_ERROR "the report was written into the old file, not replaced: ${old_bytes}")
endif()
file(GLOB leftovers "${WORK}/.report.json*")
if(leftovers)
  message(FATAL_ERROR "temporary files left: ${leftovers}")
endif()

# A symbolic link stays one, and its target gets the report.
file(WRITE "${WORK}/target.json" "old")
file(CREATE_LINK "${WORK}/target.json" "${WORK}/link.json" SYMBOLIC)
build_with_report("${WORK}/link.json")
if(NOT rc EQUAL 0 OR NOT IS_SYMLINK "${WORK}/link.json")
  message(FATAL_ERROR "the link was replaced (${rc}): ${err}")
endif()
file(READ "${WORK}/target.json" report)
expect_report("${report}" "the link's target")

# Standard output (a pipe here).
build_with_report("/dev/stdout")
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "--report /dev/stdout failed (${rc}): ${err}")
endif()
expect_report("${out}" "standard output")

# A folder cannot be the report: the build fails and says so.
build_with_report("${WORK}/app")
if(rc EQUAL 0 OR NOT err MATCHES "cannot write report")
  message(FATAL_ERROR "a folder as the report should fail with a message (${rc}): ${err}")
endif()
