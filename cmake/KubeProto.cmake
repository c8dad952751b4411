# kube_proto_library(NAME ROOT dir FILES a.proto... [IMPORT_DIRS dir...] [DEPS lib...])
#
# Runs protoc on FILES (paths relative to ROOT) into build/proto and builds them as
# the static library NAME. Files named *service.proto also get gRPC stubs. Generated
# headers are included by their path under ROOT, e.g. "k8s/core/v1/core.pb.h".
function(kube_proto_library NAME)
  cmake_parse_arguments(ARG "" "ROOT" "FILES;IMPORT_DIRS;DEPS" ${ARGN})
  set(generated_dir ${CMAKE_BINARY_DIR}/proto)
  set(include_args -I ${ARG_ROOT})
  foreach(dir ${ARG_IMPORT_DIRS})
    list(APPEND include_args -I ${dir})
  endforeach()
  set(generated_sources)
  foreach(relative ${ARG_FILES})
    string(REGEX REPLACE "\\.proto$" "" stem ${relative})
    set(outputs ${generated_dir}/${stem}.pb.cc ${generated_dir}/${stem}.pb.h)
    set(protoc_args --cpp_out=${generated_dir})
    if(stem MATCHES "service$")
      list(APPEND outputs ${generated_dir}/${stem}.grpc.pb.cc ${generated_dir}/${stem}.grpc.pb.h)
      list(APPEND protoc_args --grpc_out=${generated_dir}
           --plugin=protoc-gen-grpc=$<TARGET_FILE:gRPC::grpc_cpp_plugin>)
    endif()
    add_custom_command(
      OUTPUT ${outputs}
      COMMAND ${CMAKE_COMMAND} -E make_directory ${generated_dir}
      COMMAND protobuf::protoc ${include_args} ${protoc_args} ${relative}
      WORKING_DIRECTORY ${ARG_ROOT}
      DEPENDS ${ARG_ROOT}/${relative} protobuf::protoc
      COMMENT "protoc ${relative}")
    list(FILTER outputs INCLUDE REGEX "\\.cc$")
    list(APPEND generated_sources ${outputs})
  endforeach()
  add_library(${NAME} STATIC ${generated_sources})
  target_include_directories(${NAME} PUBLIC ${generated_dir})
  target_link_libraries(${NAME} PUBLIC protobuf::libprotobuf ${ARG_DEPS})
  target_compile_options(${NAME} PRIVATE -w)
  # protoc's sources each define the same file-level tables: they cannot share a TU.
  set_target_properties(${NAME} PROPERTIES UNITY_BUILD OFF)
endfunction()
