# A browser opens the reports a reviewer reads (CTest label browser):
# headless Chromium renders the page, the test counts what the rendered DOM
# holds and takes screenshots at desktop and phone width.
#
#   cmake -DMODE=pr|history -DCOMPARE=<bench-compare> -DFIXTURES=<fixtures/compare>
#         -DDETECT=<history_detect> -DOUT=<folder> -P browser_check.cmake
#
# pr:      a gate report of two fixture sections (a regressed time comparison
#          and an SLO summary): 2 strip charts, 4 SLO charts, the verdict
#          names the regression.
# history: a generated history of 40 commits x 10 benchmarks with 10
#          injected steps: 10 charts, every change point the page reports is
#          drawn, and it finds all 10.
# Without Chromium it prints "SKIPPED: ..." (the test's SKIP_REGULAR_EXPRESSION).
cmake_minimum_required(VERSION 3.25)
find_program(CHROMIUM NAMES chromium chromium-browser)
if(NOT CHROMIUM)
  message("SKIPPED: chromium is not installed (apt-get install chromium)")
  return()
endif()
file(REMOVE_RECURSE "${OUT}")
file(MAKE_DIRECTORY "${OUT}")

if(MODE STREQUAL "pr")
  set(page "${OUT}/report.html")
  execute_process(
    COMMAND "${COMPARE}" gate --out "${OUT}/gate" --html "${page}"
            --section time --baseline "${FIXTURES}/regression/baseline.json"
            --contender "${FIXTURES}/regression/contender.json"
            --section slo --summary --contender "${FIXTURES}/slo/contender.json"
            --slo "${FIXTURES}/slo/catalog.json"
    RESULT_VARIABLE rc OUTPUT_QUIET)
  if(NOT rc EQUAL 1)  # the fixture holds a regression: 1, never 0 or 2
    message(FATAL_ERROR "bench-compare gate exited ${rc}, expected 1")
  endif()
  set(want_charts 2)
  set(want_slo_charts 4)
  set(want_verdict "regression")
elseif(MODE STREQUAL "history")
  set(page "${OUT}/history.html")
  execute_process(COMMAND "${DETECT}" --runs 40 --benchmarks 10 --repetitions 3 --keep "${OUT}/generated"
                  RESULT_VARIABLE rc OUTPUT_QUIET)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "history_detect exited ${rc}")
  endif()
  execute_process(COMMAND "${COMPARE}" history page "${OUT}/generated/history" --html "${page}"
                  RESULT_VARIABLE rc OUTPUT_QUIET)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "bench-compare history page exited ${rc}")
  endif()
  set(want_charts 10)
  set(want_changepoints 10)
else()
  message(FATAL_ERROR "MODE must be pr or history, got '${MODE}'")
endif()

# Running as root needs --no-sandbox; the profile folder keeps runs apart.
set(chrome "${CHROMIUM}" --headless --no-sandbox --disable-gpu --hide-scrollbars
           --user-data-dir=${OUT}/profile)
execute_process(COMMAND ${chrome} --dump-dom "file://${page}" OUTPUT_VARIABLE dom ERROR_QUIET
                RESULT_VARIABLE rc TIMEOUT 120)
if(NOT rc EQUAL 0 OR dom STREQUAL "")
  message(FATAL_ERROR "chromium --dump-dom exited ${rc} with ${page}")
endif()
file(WRITE "${OUT}/dom.html" "${dom}")

function(count_matches out regex)
  string(REGEX MATCHALL "${regex}" found "${dom}")
  list(LENGTH found n)
  set(${out} ${n} PARENT_SCOPE)
endfunction()

count_matches(charts "<svg class=\"chart\"")
if(NOT charts EQUAL want_charts)
  message(FATAL_ERROR "${charts} charts rendered, expected ${want_charts}")
endif()
message("charts rendered: ${charts}")
if(MODE STREQUAL "pr")
  count_matches(slo_charts "<svg class=\"slo-chart\"")
  if(NOT slo_charts EQUAL want_slo_charts)
    message(FATAL_ERROR "${slo_charts} SLO charts rendered, expected ${want_slo_charts}")
  endif()
  string(REGEX MATCH "id=\"verdict\"[^>]*>([^<]*)" found "${dom}")
  set(verdict "${CMAKE_MATCH_1}")  # if(MATCHES) below resets CMAKE_MATCH_*
  if(NOT verdict MATCHES "${want_verdict}")
    message(FATAL_ERROR "verdict text '${verdict}' does not name the ${want_verdict}")
  endif()
  message("SLO charts rendered: ${slo_charts}; verdict: ${verdict}")
else()
  count_matches(lines "class=\"changepoint\"")
  string(REGEX MATCH "id=\"changepoints\"[^>]*>([0-9]+)" found "${dom}")
  set(reported "${CMAKE_MATCH_1}")
  if(NOT reported EQUAL lines OR NOT lines EQUAL want_changepoints)
    message(FATAL_ERROR "${lines} change points drawn, the page reports '${reported}', "
                        "expected ${want_changepoints}")
  endif()
  message("change points drawn: ${lines} of ${reported} reported")
endif()

foreach(width 1280 390)
  set(shot "${OUT}/${MODE}-${width}.png")
  execute_process(COMMAND ${chrome} --window-size=${width},1400 --screenshot=${shot} "file://${page}"
                  OUTPUT_QUIET ERROR_QUIET RESULT_VARIABLE rc TIMEOUT 120)
  file(SIZE "${shot}" size)
  if(NOT rc EQUAL 0 OR size LESS 10000)
    message(FATAL_ERROR "screenshot ${shot}: chromium exited ${rc}, ${size} bytes")
  endif()
  message("screenshot: ${shot} (${size} bytes)")
endforeach()
