# Shared by the CLI test scripts: a fresh WORK folder with a stand-in app in WORK/app (the tests
# need only the app's file names, not the web build).
macro(make_stand_in_app)
  file(REMOVE_RECURSE "${WORK}")
  file(MAKE_DIRECTORY "${WORK}/app")
  file(WRITE "${WORK}/app/index.html" "<!doctype html>")
  file(WRITE "${WORK}/app/app.wasm" "")
  file(WRITE "${WORK}/app/app.js" "")
endmacro()
