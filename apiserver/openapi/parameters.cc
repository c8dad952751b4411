#include "apiserver/openapi/parameters.h"

#include <algorithm>

namespace kube::apiserver::openapi {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;

Parameter Query(std::string name, std::string type, std::string description) {
  return {std::move(name), "query", std::move(type), false, std::move(description)};
}

Parameter PathParam(std::string name, std::string description) {
  return {std::move(name), "path", "string", true, std::move(description)};
}

Parameter Pretty() {
  return Query("pretty", "string", "If 'true', then the output is pretty printed.");
}

Parameter DryRun() {
  return Query("dryRun", "string",
               "When present, indicates that modifications should not be persisted. Valid "
               "values are: - All: all dry run stages will be processed");
}

Parameter FieldManager() {
  return Query("fieldManager", "string",
               "fieldManager is a name associated with the actor or entity that is making "
               "these changes.");
}

Parameter FieldValidation() {
  return Query("fieldValidation", "string",
               "fieldValidation instructs the server on how to handle objects in the request "
               "(POST/PUT/PATCH) containing unknown or duplicate fields. Valid values are: "
               "Ignore, Warn (the default) and Strict.");
}

std::vector<Parameter> WriteParameters() { return {DryRun(), FieldManager(), FieldValidation()}; }

std::vector<Parameter> PatchParameters() {
  std::vector<Parameter> parameters = WriteParameters();
  parameters.push_back(Query("force", "boolean",
                             "Force is going to \"force\" Apply requests. It must be unset for "
                             "non-apply patch requests."));
  return parameters;
}

std::vector<Parameter> ListParameters() {
  return {
      Query("allowWatchBookmarks", "boolean", "Requests watch events of type BOOKMARK."),
      Query("continue", "string", "The continue token of a previous paginated list call."),
      Query("fieldSelector", "string", "A selector restricting the objects by their fields."),
      Query("labelSelector", "string", "A selector restricting the objects by their labels."),
      Query("limit", "integer", "The maximum number of objects to return in one list call."),
      Query("resourceVersion", "string",
            "Constrains which resource versions the request may be served from."),
      Query("resourceVersionMatch", "string", "How resourceVersion is applied to list calls."),
      Query("sendInitialEvents", "boolean",
            "Starts a watch with the current state as synthetic events."),
      Query("timeoutSeconds", "integer", "Timeout for the list/watch call."),
      Query("watch", "boolean", "Watch for changes and return them as a stream of events."),
  };
}

std::vector<Parameter> DeleteParameters() {
  return {
      DryRun(),
      Query("gracePeriodSeconds", "integer",
            "The duration in seconds before the object should be deleted."),
      Query("ignoreStoreReadErrorWithClusterBreakingPotential", "boolean",
            "Deletes corrupt objects that cannot be read from storage."),
      Query("orphanDependents", "boolean", "Deprecated: use propagationPolicy."),
      Query("propagationPolicy", "string",
            "Whether and how garbage collection is performed: Orphan, Background or Foreground."),
  };
}

// Query parameters named by the scalar fields of an options message (PodExecOptions).
std::vector<Parameter> OptionParameters(const Descriptor* options) {
  std::vector<Parameter> parameters;
  for (int i = 0; i < options->field_count(); ++i) {
    const FieldDescriptor* field = options->field(i);
    std::string type = "string";
    switch (field->cpp_type()) {
      case FieldDescriptor::CPPTYPE_MESSAGE:
        continue;
      case FieldDescriptor::CPPTYPE_BOOL:
        type = "boolean";
        break;
      case FieldDescriptor::CPPTYPE_INT32:
      case FieldDescriptor::CPPTYPE_INT64:
      case FieldDescriptor::CPPTYPE_UINT32:
      case FieldDescriptor::CPPTYPE_UINT64:
        type = "integer";
        break;
      default:
        break;
    }
    parameters.push_back(Query(field->json_name(), type, "See " + options->name() + "."));
  }
  std::sort(parameters.begin(), parameters.end(),
            [](const Parameter& a, const Parameter& b) { return a.name < b.name; });
  return parameters;
}

Parameter NamespaceParam() {
  return PathParam("namespace", "object name and auth scope, such as for teams and projects");
}

}  // namespace kube::apiserver::openapi
