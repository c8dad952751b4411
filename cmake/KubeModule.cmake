# kube_module(NAME [DEPS lib...] [TEST_DEPS lib...])
#
# One folder, one module: every *.cc in the calling folder except *_test.cc and
# main.cc becomes the static library NAME; every *_test.cc becomes the Catch2 test
# binary NAME_test, whose cases CTest discovers one by one.
function(kube_module NAME)
  cmake_parse_arguments(ARG "" "" "DEPS;TEST_DEPS" ${ARGN})
  file(GLOB sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.cc)
  file(GLOB tests CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*_test.cc)
  list(FILTER sources EXCLUDE REGEX "(_test|/main)\\.cc$")
  if(sources)
    add_library(${NAME} STATIC ${sources})
    target_include_directories(${NAME} PUBLIC ${PROJECT_SOURCE_DIR})
    target_link_libraries(${NAME} PUBLIC ${ARG_DEPS})
  else()
    add_library(${NAME} INTERFACE)
    target_include_directories(${NAME} INTERFACE ${PROJECT_SOURCE_DIR})
    target_link_libraries(${NAME} INTERFACE ${ARG_DEPS})
  endif()
  if(tests)
    add_executable(${NAME}_test ${tests})
    set_target_properties(${NAME}_test PROPERTIES
      RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/tests)
    target_link_libraries(${NAME}_test PRIVATE ${NAME} catch_main ${ARG_TEST_DEPS})
    catch_discover_tests(${NAME}_test TEST_PREFIX "${NAME}: "
      PROPERTIES LABELS unit)
  endif()
endfunction()
