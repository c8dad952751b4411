#include "apiserver/openapi/resource_paths.h"

#include <algorithm>
#include <cctype>
#include <string>
#include <string_view>

#include "apiserver/openapi/custom_definitions.h"
#include "apiserver/openapi/parameters.h"
#include "common/util/strings.h"
#include "k8s/autoscaling/v1/autoscaling.pb.h"
#include "k8s/core/v1/core.pb.h"
#include "k8s/meta/v1/meta.pb.h"
#include "k8s/policy/v1/policy.pb.h"

namespace kube::apiserver::openapi {
namespace {

using google::protobuf::Descriptor;

const std::vector<std::string> kObjectTypes = {"application/json", "application/yaml",
                                               "application/vnd.kubernetes.protobuf"};
const std::vector<std::string> kListTypes = {
    "application/json", "application/yaml", "application/vnd.kubernetes.protobuf",
    "application/json;stream=watch", "application/vnd.kubernetes.protobuf;stream=watch"};
const std::vector<std::string> kPatchTypes = {
    "application/json-patch+json", "application/merge-patch+json",
    "application/strategic-merge-patch+json", "application/apply-patch+yaml"};
const std::vector<std::string> kAnyType = {"*/*"};
const std::vector<std::string> kJsonTypes = {"application/json", "application/yaml"};
const std::vector<std::string> kCustomPatchTypes = {
    "application/json-patch+json", "application/merge-patch+json", "application/apply-patch+yaml"};

template <typename... Lists>
std::vector<Parameter> Concat(std::vector<Parameter> first, const Lists&... rest) {
  (first.insert(first.end(), rest.begin(), rest.end()), ...);
  return first;
}

std::string Capitalize(std::string_view word) {
  std::string result(word);
  if (!result.empty())
    result[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(result[0])));
  return result;
}

std::string Upper(std::string_view word) {
  std::string result(word);
  for (char& c : result) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return result;
}

// The group as upstream spells it in operation ids: "" -> Core,
// "rbac.authorization.k8s.io" -> RbacAuthorization.
std::string GroupWord(std::string_view group) {
  if (group.empty()) return "Core";
  std::string_view trimmed = group;
  if (trimmed.ends_with(".k8s.io")) trimmed.remove_suffix(7);
  std::string word;
  while (!trimmed.empty()) {
    size_t dot = std::min(trimmed.find('.'), trimmed.size());
    word += Capitalize(trimmed.substr(0, dot));
    trimmed.remove_prefix(std::min(dot + 1, trimmed.size()));
  }
  return word;
}

// Everything a resource's operations share.
struct Context {
  const ResourceInfo& info;
  std::string gv_word;  // "CoreV1"
  std::string tag;      // "core_v1"
  GroupVersionKind gvk;
  SchemaRef kind;
  SchemaRef list;

  std::string Id(std::string_view verb, std::string_view suffix = "",
                 std::string_view infix = "") const {
    return kube::StrCat(verb, gv_word, infix, info.namespaced ? "Namespaced" : "", info.kind,
                        suffix);
  }
};

Operation Op(const Context& context, std::string method, std::string id, std::string description,
             std::string action) {
  Operation op;
  op.method = std::move(method);
  op.id = std::move(id);
  op.description = std::move(description);
  op.action = std::move(action);
  op.gvk = context.gvk;
  op.tag = context.tag;
  op.produces = kObjectTypes;
  return op;
}

std::vector<Response> ObjectResponses(
    const SchemaRef& schema, std::initializer_list<std::pair<const char*, const char*>> codes) {
  std::vector<Response> responses;
  for (const auto& [code, description] : codes)
    responses.push_back({code, description, schema, false});
  responses.push_back({"401", "Unauthorized", {}, false});
  return responses;
}

Operation Read(const Context& c, const SchemaRef& schema, std::string suffix, std::string what) {
  Operation op =
      Op(c, "get", c.Id("read", suffix), "read " + what + "the specified " + c.info.kind, "get");
  op.responses = ObjectResponses(schema, {{"200", "OK"}});
  return op;
}

Operation Replace(const Context& c, const SchemaRef& schema, std::string suffix, std::string what) {
  Operation op = Op(c, "put", c.Id("replace", suffix),
                    "replace " + what + "the specified " + c.info.kind, "put");
  op.parameters = WriteParameters();
  op.body = schema;
  op.consumes = kAnyType;
  op.responses = ObjectResponses(schema, {{"200", "OK"}, {"201", "Created"}});
  return op;
}

Operation Patch(const Context& c, const SchemaRef& schema, std::string suffix, std::string what) {
  Operation op = Op(c, "patch", c.Id("patch", suffix),
                    "partially update " + what + "the specified " + c.info.kind, "patch");
  op.parameters = PatchParameters();
  op.body = k8s::meta::v1::Patch::descriptor();
  op.consumes = kPatchTypes;
  op.responses = ObjectResponses(schema, {{"200", "OK"}, {"201", "Created"}});
  return op;
}

std::vector<Parameter> ItemParameters(const Context& c) {
  std::vector<Parameter> parameters = {PathParam("name", "name of the " + c.info.kind)};
  if (c.info.namespaced) parameters.push_back(NamespaceParam());
  parameters.push_back(Pretty());
  return parameters;
}

PathItem Collection(const Context& c, const std::string& prefix) {
  PathItem item{prefix, {}, {}};
  if (c.info.namespaced) item.parameters.push_back(NamespaceParam());
  item.parameters.push_back(Pretty());

  Operation list =
      Op(c, "get", c.Id("list"), "list or watch objects of kind " + c.info.kind, "list");
  list.parameters = ListParameters();
  list.produces = kListTypes;
  list.responses = ObjectResponses(c.list, {{"200", "OK"}});

  Operation create = Op(c, "post", c.Id("create"), "create a " + c.info.kind, "post");
  create.parameters = WriteParameters();
  create.body = c.kind;
  create.consumes = kAnyType;
  create.responses =
      ObjectResponses(c.kind, {{"200", "OK"}, {"201", "Created"}, {"202", "Accepted"}});

  Operation remove = Op(c, "delete", c.Id("delete", "", "Collection"),
                        "delete collection of " + c.info.kind, "deletecollection");
  remove.parameters = Concat(DeleteParameters(), ListParameters());
  remove.body = k8s::meta::v1::DeleteOptions::descriptor();
  remove.consumes = kAnyType;
  remove.responses = ObjectResponses(k8s::meta::v1::Status::descriptor(), {{"200", "OK"}});

  item.operations = {std::move(list), std::move(create), std::move(remove)};
  return item;
}

PathItem Item(const Context& c, const std::string& prefix) {
  PathItem item{prefix + "/{name}", ItemParameters(c), {}};
  Operation remove = Op(c, "delete", c.Id("delete"), "delete a " + c.info.kind, "delete");
  remove.parameters = DeleteParameters();
  remove.body = k8s::meta::v1::DeleteOptions::descriptor();
  remove.consumes = kAnyType;
  remove.responses =
      ObjectResponses(k8s::meta::v1::Status::descriptor(), {{"200", "OK"}, {"202", "Accepted"}});
  item.operations = {Read(c, c.kind, "", ""), Replace(c, c.kind, "", ""), std::move(remove),
                     Patch(c, c.kind, "", "")};
  return item;
}

// status and scale: read, replace and patch of the same or another kind.
PathItem ReadWriteSubresource(const Context& base, const std::string& prefix, std::string name,
                              const SchemaRef& schema) {
  Context c = base;
  // Upstream's CRD builder gives every operation the custom resource's kind.
  if (schema != c.kind && !c.info.custom_resource) c.gvk = *KindOf(schema.message);
  std::string suffix = Capitalize(name);
  std::string what = name + " of ";
  PathItem item{prefix + "/{name}/" + name, ItemParameters(base), {}};
  item.operations = {Read(c, schema, suffix, what), Replace(c, schema, suffix, what),
                     Patch(c, schema, suffix, what)};
  return item;
}

// binding and eviction: create an object of another kind.
PathItem CreateSubresource(const Context& base, const std::string& prefix, std::string name,
                           const Descriptor* schema) {
  Context c = base;
  c.gvk = *KindOf(schema);
  PathItem item{prefix + "/{name}/" + name, ItemParameters(base), {}};
  Operation create = Op(c, "post", base.Id("create", Capitalize(name)),
                        "create " + name + " of a " + base.info.kind, "post");
  create.parameters = WriteParameters();
  create.body = schema;
  create.consumes = kAnyType;
  create.responses =
      ObjectResponses(schema, {{"200", "OK"}, {"201", "Created"}, {"202", "Accepted"}});
  item.operations = {std::move(create)};
  return item;
}

// log, exec, attach, portforward: a text response, parameters from an options message.
PathItem TextSubresource(const Context& base, const std::string& prefix, std::string name,
                         const Descriptor* options, bool connect) {
  PathItem item{prefix + "/{name}/" + name, ItemParameters(base), {}};
  std::vector<std::string> methods =
      connect ? std::vector<std::string>{"get", "post"} : std::vector<std::string>{"get"};
  for (const std::string& method : methods) {
    Context c = base;
    if (connect) c.gvk = *KindOf(options);
    Operation op =
        connect ? Op(c, method, base.Id("connect", Capitalize(name), Capitalize(method)),
                     "connect " + Upper(method) + " requests to " + name + " of " + base.info.kind,
                     "connect")
                : Op(c, method, base.Id("read", Capitalize(name)),
                     "read " + name + " of the specified " + base.info.kind, "get");
    op.parameters = OptionParameters(options);
    op.produces =
        connect ? kAnyType
                : std::vector<std::string>{"text/plain", "application/json", "application/yaml",
                                           "application/vnd.kubernetes.protobuf"};
    op.responses = {{"200", "OK", {}, true}, {"401", "Unauthorized", {}, false}};
    item.operations.push_back(std::move(op));
  }
  return item;
}

// Custom resources are JSON (and YAML) only, and take no strategic merge patch.
void ServeAsJson(Operation& op) {
  op.produces = kJsonTypes;
  if (op.body.empty()) return;
  op.consumes = op.method == "patch" ? kCustomPatchTypes : kJsonTypes;
}

}  // namespace

std::string GroupVersionPrefix(const std::string& group, const std::string& version) {
  return group.empty() ? "/api/" + version : "/apis/" + group + "/" + version;
}

std::string GroupVersionKey(const std::string& group, const std::string& version) {
  return GroupVersionPrefix(group, version).substr(1);
}

std::vector<PathItem> ResourcePaths(const ResourceInfo& info) {
  std::string group_word = GroupWord(info.group);
  std::string tag = group_word;
  tag[0] = static_cast<char>(std::tolower(tag[0]));
  Context c{info,
            group_word + Capitalize(info.version),
            tag + "_" + info.version,
            {info.group, info.version, info.kind},
            info.prototype->GetDescriptor(),
            info.stored ? info.list_prototype->GetDescriptor() : info.prototype->GetDescriptor()};
  if (info.custom_resource) {
    c.kind = SchemaRef(CustomDefinitionName(info.group, info.version, info.kind));
    c.list = SchemaRef(CustomDefinitionName(info.group, info.version,
                                            info.list_prototype->GetDescriptor()->name()));
  }

  std::string gv = GroupVersionPrefix(info.group, info.version);
  std::string prefix =
      info.namespaced ? gv + "/namespaces/{namespace}/" + info.resource : gv + "/" + info.resource;
  if (!info.stored) {  // a review: create only
    PathItem collection = Collection(c, prefix);
    std::erase_if(collection.operations,
                  [](const Operation& op) { return op.method != "post"; });
    return {std::move(collection)};
  }
  std::vector<PathItem> paths = {Collection(c, prefix), Item(c, prefix)};
  if (info.namespaced) {
    PathItem all{gv + "/" + info.resource, {Pretty()}, {}};
    Operation list = Op(c, "get", "list" + c.gv_word + info.kind + "ForAllNamespaces",
                        "list or watch objects of kind " + info.kind, "list");
    list.parameters = ListParameters();
    list.produces = kListTypes;
    list.responses = ObjectResponses(c.list, {{"200", "OK"}});
    all.operations = {std::move(list)};
    paths.push_back(std::move(all));
  }
  const Subresources& sub = info.subresources;
  if (sub.status) paths.push_back(ReadWriteSubresource(c, prefix, "status", c.kind));
  if (sub.scale) {
    paths.push_back(
        ReadWriteSubresource(c, prefix, "scale", k8s::autoscaling::v1::Scale::descriptor()));
  }
  if (sub.binding)
    paths.push_back(CreateSubresource(c, prefix, "binding", k8s::core::v1::Binding::descriptor()));
  if (sub.eviction) {
    paths.push_back(
        CreateSubresource(c, prefix, "eviction", k8s::policy::v1::Eviction::descriptor()));
  }
  if (sub.log) {
    paths.push_back(
        TextSubresource(c, prefix, "log", k8s::core::v1::PodLogOptions::descriptor(), false));
  }
  for (const auto& [name, subresource] : info.create_subresources) {
    paths.push_back(CreateSubresource(c, prefix, name, subresource.prototype->GetDescriptor()));
  }
  if (sub.exec) {
    paths.push_back(
        TextSubresource(c, prefix, "exec", k8s::core::v1::PodExecOptions::descriptor(), true));
    paths.push_back(
        TextSubresource(c, prefix, "attach", k8s::core::v1::PodAttachOptions::descriptor(), true));
    paths.push_back(TextSubresource(c, prefix, "portforward",
                                    k8s::core::v1::PodPortForwardOptions::descriptor(), true));
  }
  if (info.custom_resource) {
    for (PathItem& path : paths) {
      for (Operation& op : path.operations) ServeAsJson(op);
    }
  }
  return paths;
}

}  // namespace kube::apiserver::openapi
