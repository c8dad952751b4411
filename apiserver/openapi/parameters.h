#pragma once

// The query and path parameters of upstream's REST operations.

#include <string>
#include <vector>

#include <google/protobuf/descriptor.h>

namespace kube::apiserver::openapi {

struct Parameter {
  std::string name;
  std::string in;    // "path" or "query"
  std::string type;  // "string", "integer" or "boolean"
  bool required = false;
  std::string description;
};

Parameter Query(std::string name, std::string type, std::string description);
// A required string path parameter ("name", "namespace").
Parameter PathParam(std::string name, std::string description);
Parameter NamespaceParam();

Parameter Pretty();
Parameter DryRun();
Parameter FieldManager();
// What kubectl looks for on patch operations before it leaves validation to the server.
Parameter FieldValidation();

// create and update (POST, PUT): dryRun, fieldManager, fieldValidation.
std::vector<Parameter> WriteParameters();
// PATCH: the write parameters and force.
std::vector<Parameter> PatchParameters();
// list and watch: allowWatchBookmarks ... watch.
std::vector<Parameter> ListParameters();
// DELETE: dryRun, gracePeriodSeconds, orphanDependents, propagationPolicy, ...
std::vector<Parameter> DeleteParameters();
// One query parameter per scalar field of an options message (PodExecOptions), by name.
std::vector<Parameter> OptionParameters(const google::protobuf::Descriptor* options);

}  // namespace kube::apiserver::openapi
