# lukhas_add_bench_suite(<suite> SOURCES ... [LIBRARIES ...] [NO_DEFAULT_MAIN]
#                        [SMOKE_ARGS ...] [SMOKE_LABELS ...] [SMOKE_FIXTURES ...])
#
# Creates the executable bench_<suite> and, when testing is on, the CTest
# entry bench_smoke_<suite> (label bench-smoke): every benchmark once, very
# briefly; the suite's exit code fails it when a row errored or none ran, and
# 77 marks it skipped.
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
