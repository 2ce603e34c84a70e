# Prints the suite list of bench/suites.cmake as a JSON array for a GitHub
# Actions matrix, without configuring a build (no compiler or library needed):
#
#   cmake -P cmake/suite-matrix.cmake      ->  suites=["memory","identity",...]
#
# The workflow appends that line to $GITHUB_OUTPUT.
cmake_minimum_required(VERSION 3.25)
set(names "")
function(lukhas_suite name)
  set(names "${names}\"${name}\"," PARENT_SCOPE)
endfunction()
include("${CMAKE_CURRENT_LIST_DIR}/../bench/suites.cmake")
string(REGEX REPLACE ",$" "" names "${names}")
execute_process(COMMAND ${CMAKE_COMMAND} -E echo "suites=[${names}]")
