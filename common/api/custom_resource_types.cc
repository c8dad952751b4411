#include "common/api/custom_resource_types.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/descriptor.pb.h>
#include <google/protobuf/dynamic_message.h>

#include <map>
#include <memory>
#include <string>

#include "absl/synchronization/mutex.h"
#include "common/util/strings.h"
#include "k8s/meta/v1/meta.pb.h"
#include "k8s/options.pb.h"

namespace kube::api {
namespace {

using google::protobuf::DescriptorProto;
using google::protobuf::FieldDescriptorProto;

bool IsIdentifier(std::string_view name) {
  if (name.empty() || !(std::isalpha(static_cast<unsigned char>(name[0])) || name[0] == '_')) {
    return false;
  }
  for (char c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
  }
  return true;
}

void AddField(DescriptorProto& message, const char* name, int number,
              FieldDescriptorProto::Type type, const char* type_name = nullptr,
              bool repeated = false) {
  FieldDescriptorProto* field = message.add_field();
  field->set_name(name);
  field->set_number(number);
  field->set_label(repeated ? FieldDescriptorProto::LABEL_REPEATED
                            : FieldDescriptorProto::LABEL_OPTIONAL);
  field->set_type(type);
  if (type_name != nullptr) field->set_type_name(type_name);
}

// One pool for every custom resource type, over the generated pool (ObjectMeta and
// the options come from there, so nested metadata is the generated class).
class TypePool {
 public:
  TypePool() : pool_(google::protobuf::DescriptorPool::generated_pool()), factory_(&pool_) {
    factory_.SetDelegateToGeneratedFactory(true);
    // The generated files the built ones import must be linked in.
    k8s::meta::v1::ObjectMeta::descriptor();
  }

  absl::StatusOr<CustomResourceTypes> TypesFor(std::string_view group, std::string_view version,
                                               std::string_view kind, std::string_view list_kind) {
    const std::string api_version =
        group.empty() ? std::string(version) : StrCat(group, "/", version);
    const std::string key = StrCat(api_version, "/", kind, "/", list_kind);
    absl::MutexLock lock(&mu_);
    if (auto it = built_.find(key); it != built_.end()) return it->second;
    if (!IsIdentifier(kind) || !IsIdentifier(list_kind)) {
      return absl::InvalidArgumentError(
          StrCat("kind \"", kind, "\" and listKind \"", list_kind,
                 "\" must be letters, digits and underscores to be served here"));
    }
    // A package per built pair keeps every name unique whatever the group spells.
    const std::string package = StrCat("kube.customresource.t", built_.size());
    google::protobuf::FileDescriptorProto file;
    file.set_name(StrCat("kube/customresource/", built_.size(), ".proto"));
    file.set_package(package);
    file.set_syntax("proto2");
    file.add_dependency("k8s/options.proto");
    file.add_dependency("k8s/meta/v1/meta.proto");

    DescriptorProto* object = file.add_message_type();
    object->set_name(std::string(kind));
    object->mutable_options()->SetExtension(k8s::api_version, api_version);
    AddField(*object, "metadata", 1, FieldDescriptorProto::TYPE_MESSAGE, ".k8s.meta.v1.ObjectMeta");
    AddField(*object, "content", 2, FieldDescriptorProto::TYPE_STRING);
    object->mutable_field(1)->mutable_options()->SetExtension(k8s::json_remainder, true);

    DescriptorProto* list = file.add_message_type();
    list->set_name(std::string(list_kind));
    list->mutable_options()->SetExtension(k8s::api_version, api_version);
    AddField(*list, "metadata", 1, FieldDescriptorProto::TYPE_MESSAGE, ".k8s.meta.v1.ListMeta");
    AddField(*list, "items", 2, FieldDescriptorProto::TYPE_MESSAGE,
             StrCat(".", package, ".", kind).c_str(), /*repeated=*/true);
    list->mutable_field(1)->mutable_options()->SetExtension(k8s::always_emit, true);

    const google::protobuf::FileDescriptor* built = pool_.BuildFile(file);
    if (built == nullptr) {
      return absl::InternalError(
          StrCat("cannot build the message types of ", api_version, " ", kind));
    }
    CustomResourceTypes types{factory_.GetPrototype(built->message_type(0)),
                              factory_.GetPrototype(built->message_type(1))};
    built_.emplace(key, types);
    return types;
  }

 private:
  absl::Mutex mu_;
  google::protobuf::DescriptorPool pool_ ABSL_GUARDED_BY(mu_);
  google::protobuf::DynamicMessageFactory factory_ ABSL_GUARDED_BY(mu_);
  std::map<std::string, CustomResourceTypes> built_ ABSL_GUARDED_BY(mu_);
};

}  // namespace

absl::StatusOr<CustomResourceTypes> TypesFor(std::string_view group, std::string_view version,
                                             std::string_view kind, std::string_view list_kind) {
  // Never destroyed, as the generated pool: the codec's tables point into it.
  static TypePool* pool = new TypePool;
  return pool->TypesFor(group, version, kind, list_kind);
}

}  // namespace kube::api
