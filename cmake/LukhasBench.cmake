# The suite list (bench/suites.cmake) and the executables of the suites.
#
# lukhas_suite(<name> [INSTRUCTIONS] [POSTGRES] [SLO_CALLS <n>])
#   records one suite of the list (bench/suites.cmake explains the facts).
# lukhas_write_suite_manifest(<file>)
#   writes the list and the shared run settings as JSON, for bench-run.
#
# lukhas_add_bench_suite(<suite> SOURCES ... [LIBRARIES ...] [NO_DEFAULT_MAIN]
#                        [SMOKE_ARGS ...] [SMOKE_LABELS ...] [SMOKE_FIXTURES ...])
#   creates the executable bench_<suite> and, when testing is on, the CTest
#   entry bench_smoke_<suite> (label bench-smoke): every benchmark once, very
#   briefly; the suite's exit code fails it when a row errored or none ran,
#   and 77 marks it skipped.
function(lukhas_suite name)
  cmake_parse_arguments(ARG "INSTRUCTIONS;POSTGRES" "SLO_CALLS" "" ${ARGN})
  if(ARG_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "lukhas_suite(${name}): unknown arguments ${ARG_UNPARSED_ARGUMENTS}")
  endif()
  if(NOT name MATCHES "^[a-z][a-z0-9_]*$")
    message(FATAL_ERROR "lukhas_suite(${name}): a suite name is lower case letters, digits and _")
  endif()
  set_property(GLOBAL APPEND PROPERTY LUKHAS_SUITES ${name})
  set_property(GLOBAL PROPERTY LUKHAS_SUITE_${name}_INSTRUCTIONS ${ARG_INSTRUCTIONS})
  set_property(GLOBAL PROPERTY LUKHAS_SUITE_${name}_POSTGRES ${ARG_POSTGRES})
  set_property(GLOBAL PROPERTY LUKHAS_SUITE_${name}_SLO_CALLS "${ARG_SLO_CALLS}")
endfunction()

function(lukhas_write_suite_manifest file)
  get_property(suites GLOBAL PROPERTY LUKHAS_SUITES)
  set(json "{}")
  string(JSON json SET "${json}" manifest_version 1)
  # A path may hold quotes or backslashes: escaped for JSON.
  string(REPLACE "\\" "\\\\" source "${PROJECT_SOURCE_DIR}")
  string(REPLACE "\"" "\\\"" source "${source}")
  string(JSON json SET "${json}" source_dir "\"${source}\"")
  string(JSON json SET "${json}" instruction_iterations ${LUKHAS_INSTRUCTION_ITERATIONS})
  string(JSON json SET "${json}" time_repetitions ${LUKHAS_TIME_REPETITIONS})
  string(JSON json SET "${json}" time_min_time ${LUKHAS_TIME_MIN_TIME})
  string(JSON json SET "${json}" latency_calls ${LUKHAS_LATENCY_CALLS})
  string(JSON json SET "${json}" suites "[]")
  set(i 0)
  foreach(s IN LISTS suites)
    get_property(instr GLOBAL PROPERTY LUKHAS_SUITE_${s}_INSTRUCTIONS)
    get_property(pg GLOBAL PROPERTY LUKHAS_SUITE_${s}_POSTGRES)
    get_property(calls GLOBAL PROPERTY LUKHAS_SUITE_${s}_SLO_CALLS)
    set(entry "{}")
    string(JSON entry SET "${entry}" name "\"${s}\"")
    string(JSON entry SET "${entry}" binary "\"bench/${s}/bench_${s}\"")
    if(instr)
      string(JSON entry SET "${entry}" instructions true)
    else()
      string(JSON entry SET "${entry}" instructions false)
    endif()
    if(pg)
      string(JSON entry SET "${entry}" postgres true)
    else()
      string(JSON entry SET "${entry}" postgres false)
    endif()
    if(calls)
      string(JSON entry SET "${entry}" slo_calls ${calls})
    endif()
    string(JSON json SET "${json}" suites ${i} "${entry}")
    math(EXPR i "${i} + 1")
  endforeach()
  file(WRITE "${file}" "${json}\n")
endfunction()

function(lukhas_add_bench_suite suite)
  cmake_parse_arguments(ARG "NO_DEFAULT_MAIN" ""
                        "SOURCES;LIBRARIES;SMOKE_ARGS;SMOKE_LABELS;SMOKE_FIXTURES" ${ARGN})
  set(target bench_${suite})
  add_executable(${target} ${ARG_SOURCES})
  if(NOT ARG_NO_DEFAULT_MAIN)
    target_sources(${target} PRIVATE ${PROJECT_SOURCE_DIR}/bench/support/main.cpp)
  endif()
  target_compile_definitions(${target} PRIVATE LUKHAS_SUITE_NAME="${suite}")
  target_link_libraries(${target} PRIVATE lukhas_bench_support lukhas_options ${ARG_LIBRARIES})

  if(LUKHAS_BUILD_TESTS)
    set(out "${CMAKE_BINARY_DIR}/smoke/${suite}.json")
    file(MAKE_DIRECTORY "${CMAKE_BINARY_DIR}/smoke")  # Google Benchmark does not create it
    add_test(NAME bench_smoke_${suite}
             COMMAND ${target} --benchmark_min_time=0.001 --benchmark_repetitions=1
                     --benchmark_out=${out} --benchmark_out_format=json ${ARG_SMOKE_ARGS})
    set_tests_properties(bench_smoke_${suite} PROPERTIES
      LABELS "bench-smoke;${ARG_SMOKE_LABELS}"
      SKIP_RETURN_CODE 77
      TIMEOUT 600)
    if(ARG_SMOKE_FIXTURES)
      set_tests_properties(bench_smoke_${suite} PROPERTIES FIXTURES_REQUIRED "${ARG_SMOKE_FIXTURES}")
    endif()
  endif()
endfunction()
