#include "apiserver/customresource/schema/embedded_resource_validation.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "apiserver/customresource/schema/go_text.h"
#include "apiserver/customresource/schema/schema_node.h"
#include "common/util/strings.h"
#include "common/validation/names.h"

namespace kube::apiserver::crd_schema {
namespace {

using rapidjson::Value;

class EmbeddedChecker {
 public:
  EmbeddedChecker(const EmbeddedMetadataValidator& validate_metadata, api::FieldErrors* errors)
      : validate_metadata_(validate_metadata), errors_(errors) {}

  void Walk(const std::string& path, const Value& value, const Value* schema) {
    if (schema == nullptr) return;
    if (value.IsObject()) {
      if (EmbeddedResource(*schema)) CheckResource(path, value);
      for (const auto& member : value.GetObject()) {
        std::string_view key = ToView(member.name);
        if (const Value* property = PropertySchema(*schema, key)) {
          Walk(ChildPath(path, key), member.value, property);
        } else if (AdditionalProperties additional = GetAdditionalProperties(*schema);
                   additional.present) {
          Walk(KeyPath(path, key), member.value, additional.schema);
        }
      }
    } else if (value.IsArray()) {
      const Value* items = ItemsSchema(*schema);
      for (rapidjson::SizeType i = 0; i < value.Size(); ++i) {
        Walk(IndexPath(path, i), value[i], items);
      }
    }
  }

 private:
  void CheckResource(const std::string& path, const Value& resource) {
    std::string api_version_path = ChildPath(path, "apiVersion");
    std::string kind_path = ChildPath(path, "kind");
    if (!resource.HasMember("apiVersion")) errors_->push_back(api::Required(api_version_path));
    if (!resource.HasMember("kind")) errors_->push_back(api::Required(kind_path));
    for (const auto& member : resource.GetObject()) {
      std::string_view key = ToView(member.name);
      const Value& value = member.value;
      if (key == "apiVersion") {
        CheckApiVersion(api_version_path, value);
      } else if (key == "kind") {
        CheckKind(kind_path, value);
      } else if (key == "metadata" && validate_metadata_) {
        for (auto& error : validate_metadata_(value, ChildPath(path, "metadata"))) {
          errors_->push_back(std::move(error));
        }
      }
    }
  }

  void CheckApiVersion(const std::string& path, const Value& value) {
    if (!value.IsString()) {
      Invalid(path, GoErrorValue(value), "must be a string");
    } else if (value.GetStringLength() == 0) {
      Invalid(path, "\"\"", "must not be empty");
    } else if (std::string_view text = ToView(value);
               std::count(text.begin(), text.end(), '/') > 1) {
      // schema.ParseGroupVersion
      Invalid(path, api::QuoteValue(text), StrCat("unexpected GroupVersion string: ", text));
    }
  }

  void CheckKind(const std::string& path, const Value& value) {
    if (!value.IsString()) {
      Invalid(path, GoErrorValue(value), "must be a string");
      return;
    }
    std::string_view kind = ToView(value);
    if (kind.empty()) {
      Invalid(path, "\"\"", "must not be empty");
      return;
    }
    std::vector<std::string> problems =
        validation::IsDns1035Label(absl::AsciiStrToLower(std::string(kind)));
    if (!problems.empty()) {
      Invalid(path, api::QuoteValue(kind),
              StrCat("may have mixed case, but should otherwise match: ", StrJoin(problems, ",")));
    }
  }

  void Invalid(const std::string& path, std::string value, std::string detail) {
    errors_->push_back(
        {api::FieldError::Type::kInvalid, path, std::move(value), std::move(detail)});
  }

  const EmbeddedMetadataValidator& validate_metadata_;
  api::FieldErrors* errors_;
};

}  // namespace

api::FieldErrors ValidateEmbeddedResources(const rapidjson::Value& schema,
                                           const rapidjson::Value& object,
                                           const EmbeddedMetadataValidator& validate_metadata) {
  api::FieldErrors errors;
  EmbeddedChecker(validate_metadata, &errors).Walk("", object, &schema);
  return errors;
}

}  // namespace kube::apiserver::crd_schema
