#include "apiserver/registry/apiextensions/crd_strategy.h"

#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "apiserver/customresource/columns/column_validation.h"
#include "apiserver/customresource/custom_resource_printer.h"
#include "apiserver/customresource/schema/schema_shape.h"
#include "apiserver/customresource/schema/schema_validation.h"
#include "common/codec/json_text.h"
#include "common/util/strings.h"
#include "common/validation/names.h"
#include "k8s/apiextensions/v1/apiextensions.pb.h"

namespace kube::apiserver {
namespace {

using k8s::apiextensions::v1::CustomResourceDefinition;
using k8s::apiextensions::v1::CustomResourceDefinitionNames;
using k8s::apiextensions::v1::CustomResourceDefinitionVersion;

const CustomResourceDefinition& Crd(const google::protobuf::Message& object) {
  return static_cast<const CustomResourceDefinition&>(object);
}

void ValidateNames(const CustomResourceDefinitionNames& names, const std::string& path,
                   api::FieldErrors& errors) {
  auto lower_label = [&](const std::string& value, const std::string& field, bool required) {
    if (value.empty()) {
      if (required) errors.push_back(api::Required(StrCat(path, ".", field), ""));
      return;
    }
    for (const std::string& message : validation::IsDns1035Label(value)) {
      errors.push_back(api::Invalid(StrCat(path, ".", field), value, message));
    }
  };
  lower_label(names.plural(), "plural", true);
  lower_label(names.singular(), "singular", false);
  auto kind_name = [&](const std::string& value, const std::string& field) {
    if (value.empty()) {
      errors.push_back(api::Required(StrCat(path, ".", field), ""));
      return;
    }
    for (const std::string& message : validation::IsDns1035Label(absl::AsciiStrToLower(value))) {
      errors.push_back(api::Invalid(StrCat(path, ".", field), value, message));
    }
  };
  kind_name(names.kind(), "kind");
  kind_name(names.listkind(), "listKind");
  if (!names.kind().empty() && names.kind() == names.listkind()) {
    errors.push_back(api::Invalid(StrCat(path, ".listKind"), names.listkind(),
                                  "kind and listKind cannot be the same"));
  }
  for (int i = 0; i < names.shortnames_size(); ++i) {
    for (const std::string& message : validation::IsDns1035Label(names.shortnames(i))) {
      errors.push_back(
          api::Invalid(StrCat(path, ".shortNames[", i, "]"), names.shortnames(i), message));
    }
  }
  for (int i = 0; i < names.categories_size(); ++i) {
    for (const std::string& message : validation::IsDns1035Label(names.categories(i))) {
      errors.push_back(
          api::Invalid(StrCat(path, ".categories[", i, "]"), names.categories(i), message));
    }
  }
}

void ValidateVersion(const CustomResourceDefinitionVersion& version, const std::string& path,
                     api::FieldErrors& errors) {
  if (version.name().empty()) {
    errors.push_back(api::Required(path + ".name", ""));
  } else {
    for (const std::string& message : validation::IsDns1035Label(version.name())) {
      errors.push_back(api::Invalid(path + ".name", version.name(), message));
    }
  }
  if (!version.has_schema() || !version.schema().has_openapiv3schema()) {
    errors.push_back(api::Required(path + ".schema.openAPIV3Schema", "schemas are required"));
  }
  if (version.has_schema() && version.schema().has_openapiv3schema()) {
    const std::string schema_path = path + ".schema.openAPIV3Schema";
    rapidjson::Document schema;
    absl::Status parsed = codec::ParseJson(version.schema().openapiv3schema().raw(), schema);
    if (parsed.ok()) parsed = crd_schema::CheckSchemaShape(schema, schema_path);
    if (!parsed.ok()) {
      errors.push_back(api::Invalid(schema_path, "", std::string(parsed.message())));
    } else {
      for (api::FieldError& error : crd_schema::ValidateStructuralSchema(schema, schema_path)) {
        errors.push_back(std::move(error));
      }
    }
  }
  for (api::FieldError& error : customresource::ValidatePrinterColumns(
           customresource::PrinterColumnsOf(version), path + ".additionalPrinterColumns")) {
    errors.push_back(std::move(error));
  }
  if (version.has_subresources() && version.subresources().has_scale()) {
    const auto& scale = version.subresources().scale();
    const std::string scale_path = path + ".subresources.scale";
    if (!absl::StartsWith(scale.specreplicaspath(), ".spec.")) {
      errors.push_back(api::Invalid(scale_path + ".specReplicasPath", scale.specreplicaspath(),
                                    "should be a json path under .spec"));
    }
    if (!absl::StartsWith(scale.statusreplicaspath(), ".status.")) {
      errors.push_back(api::Invalid(scale_path + ".statusReplicasPath", scale.statusreplicaspath(),
                                    "should be a json path under .status"));
    }
    if (scale.has_labelselectorpath() && !absl::StartsWith(scale.labelselectorpath(), ".spec.") &&
        !absl::StartsWith(scale.labelselectorpath(), ".status.")) {
      errors.push_back(api::Invalid(scale_path + ".labelSelectorPath", scale.labelselectorpath(),
                                    "should be a json path under either .spec or .status"));
    }
  }
}

std::string StorageVersion(const CustomResourceDefinition& crd) {
  for (const auto& version : crd.spec().versions()) {
    if (version.storage()) return version.name();
  }
  return "";
}

void RecordStorageVersion(CustomResourceDefinition& crd) {
  const std::string storage = StorageVersion(crd);
  if (storage.empty()) return;
  for (const std::string& stored : crd.status().storedversions()) {
    if (stored == storage) return;
  }
  crd.mutable_status()->add_storedversions(storage);
}

}  // namespace

void CustomResourceDefinitionStrategy::Default(google::protobuf::Message& object) const {
  auto& crd = static_cast<CustomResourceDefinition&>(object);
  auto* names = crd.mutable_spec()->mutable_names();
  if (names->singular().empty()) names->set_singular(absl::AsciiStrToLower(names->kind()));
  if (names->listkind().empty() && !names->kind().empty())
    names->set_listkind(names->kind() + "List");
  if (!crd.spec().has_conversion()) crd.mutable_spec()->mutable_conversion()->set_strategy("None");
  // Keywords JSONSchemaProps has no field for are dropped, as upstream's decoder does.
  for (int i = 0; i < crd.spec().versions_size(); ++i) {
    auto* version = crd.mutable_spec()->mutable_versions(i);
    if (!version->has_schema() || !version->schema().has_openapiv3schema()) continue;
    rapidjson::Document schema;
    if (!codec::ParseJson(version->schema().openapiv3schema().raw(), schema).ok()) continue;
    std::vector<std::string> dropped;
    crd_schema::DropUnknownSchemaFields(schema, "", &dropped);
    if (!dropped.empty()) {
      version->mutable_schema()->mutable_openapiv3schema()->set_raw(codec::WriteJson(schema));
    }
  }
  if (crd.spec().conversion().strategy() == "Webhook") {
    auto* webhook = crd.mutable_spec()->mutable_conversion()->mutable_webhook();
    if (webhook->has_clientconfig() && webhook->clientconfig().has_service() &&
        !webhook->clientconfig().service().has_port()) {
      webhook->mutable_clientconfig()->mutable_service()->set_port(443);
    }
  }
}

void CustomResourceDefinitionStrategy::PrepareForCreate(google::protobuf::Message& object) const {
  auto& crd = static_cast<CustomResourceDefinition&>(object);
  crd.clear_status();
  RecordStorageVersion(crd);
  auto* meta = crd.mutable_metadata();
  bool has_finalizer = false;
  for (const std::string& finalizer : meta->finalizers()) {
    has_finalizer |= finalizer == kCustomResourceCleanupFinalizer;
  }
  if (!has_finalizer) meta->add_finalizers(std::string(kCustomResourceCleanupFinalizer));
}

void CustomResourceDefinitionStrategy::PrepareForUpdate(
    google::protobuf::Message& object, const google::protobuf::Message& old) const {
  Strategy::PrepareForUpdate(object, old);
  RecordStorageVersion(static_cast<CustomResourceDefinition&>(object));
}

api::FieldErrors CustomResourceDefinitionStrategy::Validate(
    const google::protobuf::Message& object) const {
  const CustomResourceDefinition& crd = Crd(object);
  const auto& spec = crd.spec();
  api::FieldErrors errors;
  const std::string expected_name = StrCat(spec.names().plural(), ".", spec.group());
  if (crd.metadata().name() != expected_name) {
    errors.push_back(api::Invalid("metadata.name", crd.metadata().name(),
                                  "must be spec.names.plural+\".\"+spec.group"));
  }
  if (spec.group().empty()) {
    errors.push_back(api::Required("spec.group", ""));
  } else {
    for (const std::string& message : validation::IsDns1123Subdomain(spec.group())) {
      errors.push_back(api::Invalid("spec.group", spec.group(), message));
    }
    if (spec.group().find('.') == std::string::npos) {
      errors.push_back(
          api::Invalid("spec.group", spec.group(), "should be a domain with at least one dot"));
    }
  }
  if (spec.scope().empty()) {
    errors.push_back(api::Required("spec.scope", ""));
  } else if (spec.scope() != "Cluster" && spec.scope() != "Namespaced") {
    errors.push_back(api::NotSupported("spec.scope", spec.scope(), {"Cluster", "Namespaced"}));
  }
  ValidateNames(spec.names(), "spec.names", errors);
  if (spec.versions_size() == 0) {
    errors.push_back({api::FieldError::Type::kInvalid, "spec.versions", "null",
                      "must have exactly one version marked as storage version"});
  }
  int storage_versions = 0;
  std::set<std::string> seen;
  for (int i = 0; i < spec.versions_size(); ++i) {
    const auto& version = spec.versions(i);
    const std::string path = StrCat("spec.versions[", i, "]");
    ValidateVersion(version, path, errors);
    if (version.storage()) ++storage_versions;
    if (!seen.insert(version.name()).second) {
      errors.push_back(api::Duplicate(path + ".name", version.name()));
    }
  }
  if (spec.versions_size() > 0 && storage_versions != 1) {
    errors.push_back({api::FieldError::Type::kInvalid, "spec.versions",
                      StrCat("[", spec.versions_size(), " versions]"),
                      "must have exactly one version marked as storage version"});
  }
  if (spec.preserveunknownfields()) {
    errors.push_back({api::FieldError::Type::kInvalid, "spec.preserveUnknownFields", "true",
                      "cannot set to true, set x-kubernetes-preserve-unknown-fields to true in "
                      "spec.versions[*].schema instead"});
  }
  const std::string& strategy = spec.conversion().strategy();
  if (strategy != "None" && strategy != "Webhook") {
    errors.push_back(api::NotSupported("spec.conversion.strategy", strategy, {"None", "Webhook"}));
  }
  return errors;
}

api::FieldErrors CustomResourceDefinitionStrategy::ValidateUpdate(
    const google::protobuf::Message& object, const google::protobuf::Message& old) const {
  const CustomResourceDefinition& crd = Crd(object);
  const CustomResourceDefinition& previous = Crd(old);
  api::FieldErrors errors;
  if (crd.spec().scope() != previous.spec().scope()) {
    errors.push_back(api::Invalid("spec.scope", crd.spec().scope(), "field is immutable"));
  }
  // A version stored before may not leave spec.versions while storedVersions holds it.
  for (const std::string& stored : crd.status().storedversions()) {
    bool present = false;
    for (const auto& version : crd.spec().versions()) present |= version.name() == stored;
    if (!present) {
      errors.push_back(
          api::Invalid("status.storedVersions", stored, "must appear in spec.versions"));
    }
  }
  return errors;
}

bool CustomResourceDefinitionStrategy::NewGeneration(const google::protobuf::Message& object,
                                                     const google::protobuf::Message& old) const {
  return Crd(object).spec().SerializeAsString() != Crd(old).spec().SerializeAsString();
}

}  // namespace kube::apiserver
