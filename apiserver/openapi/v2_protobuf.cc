#include "apiserver/openapi/v2_protobuf.h"

#include "common/util/strings.h"

namespace kube::apiserver::openapi {
namespace {

namespace gnostic = ::openapi::v2;
using google::protobuf::RepeatedPtrField;

// Walks the JSON document and fills the gnostic messages, remembering the first
// mismatch (a key or a value type the subset has no room for).
class Converter {
 public:
  const absl::Status& status() const { return status_; }

  void Document(const Json& json, gnostic::Document& out) {
    if (!ExpectObject(json, "document")) return;
    for (const auto& [key, value] : json.members()) {
      if (key == "swagger") {
        out.set_swagger(String(value, key));
      } else if (key == "info") {
        Info(value, *out.mutable_info());
      } else if (key == "host") {
        out.set_host(String(value, key));
      } else if (key == "basePath") {
        out.set_base_path(String(value, key));
      } else if (key == "schemes") {
        Strings(value, key, *out.mutable_schemes());
      } else if (key == "consumes") {
        Strings(value, key, *out.mutable_consumes());
      } else if (key == "produces") {
        Strings(value, key, *out.mutable_produces());
      } else if (key == "paths") {
        Paths(value, *out.mutable_paths());
      } else if (key == "definitions") {
        NamedSchemas(value, key, *out.mutable_definitions()->mutable_additional_properties());
      } else if (!Extension(key, value, *out.mutable_vendor_extension())) {
        Unsupported("document", key);
      }
    }
  }

 private:
  void Fail(std::string message) {
    if (status_.ok()) status_ = absl::InvalidArgumentError(std::move(message));
  }
  void Unsupported(std::string_view where, std::string_view key) {
    Fail(kube::StrCat("openapi v2: ", where, " key \"", key, "\" has no protobuf field"));
  }
  bool ExpectObject(const Json& json, std::string_view where) {
    if (json.is_object()) return true;
    Fail(kube::StrCat("openapi v2: ", where, " is not an object"));
    return false;
  }

  std::string String(const Json& json, std::string_view key) {
    if (json.is_string()) return json.as_string();
    Fail(kube::StrCat("openapi v2: \"", key, "\" is not a string"));
    return "";
  }
  bool Bool(const Json& json, std::string_view key) {
    if (json.is_bool()) return json.as_bool();
    Fail(kube::StrCat("openapi v2: \"", key, "\" is not a boolean"));
    return false;
  }
  double Number(const Json& json, std::string_view key) {
    if (json.is_int()) return static_cast<double>(json.as_int());
    if (json.is_double()) return json.as_double();
    Fail(kube::StrCat("openapi v2: \"", key, "\" is not a number"));
    return 0;
  }
  int64_t Integer(const Json& json, std::string_view key) {
    if (json.is_int()) return json.as_int();
    Fail(kube::StrCat("openapi v2: \"", key, "\" is not an integer"));
    return 0;
  }
  void Strings(const Json& json, std::string_view key, RepeatedPtrField<std::string>& out) {
    if (!json.is_array()) return Fail(kube::StrCat("openapi v2: \"", key, "\" is not an array"));
    for (const Json& item : json.items()) out.Add(String(item, key));
  }

  // x-... keys become NamedAny with the value as YAML; false for other keys.
  bool Extension(const std::string& key, const Json& value,
                 RepeatedPtrField<gnostic::NamedAny>& out) {
    if (!key.starts_with("x-")) return false;
    gnostic::NamedAny* named = out.Add();
    named->set_name(key);
    named->mutable_value()->set_yaml(value.Dump());
    return true;
  }

  void Info(const Json& json, gnostic::Info& out) {
    if (!ExpectObject(json, "info")) return;
    for (const auto& [key, value] : json.members()) {
      if (key == "title") {
        out.set_title(String(value, key));
      } else if (key == "version") {
        out.set_version(String(value, key));
      } else if (key == "description") {
        out.set_description(String(value, key));
      } else if (!Extension(key, value, *out.mutable_vendor_extension())) {
        Unsupported("info", key);
      }
    }
  }

  void Paths(const Json& json, gnostic::Paths& out) {
    if (!ExpectObject(json, "paths")) return;
    for (const auto& [key, value] : json.members()) {
      if (Extension(key, value, *out.mutable_vendor_extension())) continue;
      gnostic::NamedPathItem* named = out.add_path();
      named->set_name(key);
      PathItem(value, *named->mutable_value());
    }
  }

  void PathItem(const Json& json, gnostic::PathItem& out) {
    if (!ExpectObject(json, "path item")) return;
    for (const auto& [key, value] : json.members()) {
      if (key == "get") {
        Operation(value, *out.mutable_get());
      } else if (key == "put") {
        Operation(value, *out.mutable_put());
      } else if (key == "post") {
        Operation(value, *out.mutable_post());
      } else if (key == "delete") {
        Operation(value, *out.mutable_delete_());
      } else if (key == "options") {
        Operation(value, *out.mutable_options());
      } else if (key == "head") {
        Operation(value, *out.mutable_head());
      } else if (key == "patch") {
        Operation(value, *out.mutable_patch());
      } else if (key == "parameters") {
        Parameters(value, *out.mutable_parameters());
      } else if (!Extension(key, value, *out.mutable_vendor_extension())) {
        Unsupported("path item", key);
      }
    }
  }

  void Operation(const Json& json, gnostic::Operation& out) {
    if (!ExpectObject(json, "operation")) return;
    for (const auto& [key, value] : json.members()) {
      if (key == "tags") {
        Strings(value, key, *out.mutable_tags());
      } else if (key == "summary") {
        out.set_summary(String(value, key));
      } else if (key == "description") {
        out.set_description(String(value, key));
      } else if (key == "operationId") {
        out.set_operation_id(String(value, key));
      } else if (key == "produces") {
        Strings(value, key, *out.mutable_produces());
      } else if (key == "consumes") {
        Strings(value, key, *out.mutable_consumes());
      } else if (key == "parameters") {
        Parameters(value, *out.mutable_parameters());
      } else if (key == "responses") {
        Responses(value, *out.mutable_responses());
      } else if (key == "schemes") {
        Strings(value, key, *out.mutable_schemes());
      } else if (key == "deprecated") {
        out.set_deprecated(Bool(value, key));
      } else if (!Extension(key, value, *out.mutable_vendor_extension())) {
        Unsupported("operation", key);
      }
    }
  }

  void Parameters(const Json& json, RepeatedPtrField<gnostic::ParametersItem>& out) {
    if (!json.is_array()) return Fail("openapi v2: parameters is not an array");
    for (const Json& item : json.items()) Parameter(item, *out.Add());
  }

  void Parameter(const Json& json, gnostic::ParametersItem& out) {
    if (!ExpectObject(json, "parameter")) return;
    if (const Json* ref = json.Find("$ref")) {
      out.mutable_json_reference()->set__ref(String(*ref, "$ref"));
      return;
    }
    const Json* in = json.Find("in");
    std::string location = in == nullptr ? "" : String(*in, "in");
    if (location == "body")
      return BodyParameter(json, *out.mutable_parameter()->mutable_body_parameter());
    gnostic::NonBodyParameter* non_body = out.mutable_parameter()->mutable_non_body_parameter();
    if (location == "query")
      return QueryParameter(json, *non_body->mutable_query_parameter_sub_schema());
    if (location == "path")
      return PathParameter(json, *non_body->mutable_path_parameter_sub_schema());
    Fail(kube::StrCat("openapi v2: parameters in \"", location, "\" are not supported"));
  }

  void BodyParameter(const Json& json, gnostic::BodyParameter& out) {
    for (const auto& [key, value] : json.members()) {
      if (key == "description") {
        out.set_description(String(value, key));
      } else if (key == "name") {
        out.set_name(String(value, key));
      } else if (key == "in") {
        out.set_in(String(value, key));
      } else if (key == "required") {
        out.set_required(Bool(value, key));
      } else if (key == "schema") {
        Schema(value, *out.mutable_schema());
      } else if (!Extension(key, value, *out.mutable_vendor_extension())) {
        Unsupported("body parameter", key);
      }
    }
  }

  // Query and path parameters have the same fields at different numbers.
  template <typename SubSchema>
  void SimpleParameter(const Json& json, SubSchema& out, std::string_view where) {
    for (const auto& [key, value] : json.members()) {
      if (key == "description") {
        out.set_description(String(value, key));
      } else if (key == "name") {
        out.set_name(String(value, key));
      } else if (key == "in") {
        out.set_in(String(value, key));
      } else if (key == "required") {
        out.set_required(Bool(value, key));
      } else if (key == "type") {
        out.set_type(String(value, key));
      } else if (key == "format") {
        out.set_format(String(value, key));
      } else if (key == "uniqueItems") {
        out.set_unique_items(Bool(value, key));
      } else if (!Extension(key, value, *out.mutable_vendor_extension())) {
        Unsupported(where, key);
      }
    }
  }
  void QueryParameter(const Json& json, gnostic::QueryParameterSubSchema& out) {
    SimpleParameter(json, out, "query parameter");
  }
  void PathParameter(const Json& json, gnostic::PathParameterSubSchema& out) {
    SimpleParameter(json, out, "path parameter");
  }

  void Responses(const Json& json, gnostic::Responses& out) {
    if (!ExpectObject(json, "responses")) return;
    for (const auto& [key, value] : json.members()) {
      if (Extension(key, value, *out.mutable_vendor_extension())) continue;
      gnostic::NamedResponseValue* named = out.add_response_code();
      named->set_name(key);
      if (const Json* ref = value.Find("$ref")) {
        named->mutable_value()->mutable_json_reference()->set__ref(String(*ref, "$ref"));
      } else {
        Response(value, *named->mutable_value()->mutable_response());
      }
    }
  }

  void Response(const Json& json, gnostic::Response& out) {
    if (!ExpectObject(json, "response")) return;
    for (const auto& [key, value] : json.members()) {
      if (key == "description") {
        out.set_description(String(value, key));
      } else if (key == "schema") {
        Schema(value, *out.mutable_schema()->mutable_schema());
      } else if (!Extension(key, value, *out.mutable_vendor_extension())) {
        Unsupported("response", key);
      }
    }
  }

  void NamedSchemas(const Json& json, std::string_view where,
                    RepeatedPtrField<gnostic::NamedSchema>& out) {
    if (!ExpectObject(json, where)) return;
    for (const auto& [key, value] : json.members()) {
      gnostic::NamedSchema* named = out.Add();
      named->set_name(key);
      Schema(value, *named->mutable_value());
    }
  }

  void Schema(const Json& json, gnostic::Schema& out) {
    if (!ExpectObject(json, "schema")) return;
    for (const auto& [key, value] : json.members()) {
      if (key == "$ref") {
        out.set__ref(String(value, key));
      } else if (key == "format") {
        out.set_format(String(value, key));
      } else if (key == "title") {
        out.set_title(String(value, key));
      } else if (key == "description") {
        out.set_description(String(value, key));
      } else if (key == "default") {
        out.mutable_default_()->set_yaml(value.Dump());
      } else if (key == "uniqueItems") {
        out.set_unique_items(Bool(value, key));
      } else if (key == "multipleOf") {
        out.set_multiple_of(Number(value, key));
      } else if (key == "maximum") {
        out.set_maximum(Number(value, key));
      } else if (key == "exclusiveMaximum") {
        out.set_exclusive_maximum(Bool(value, key));
      } else if (key == "minimum") {
        out.set_minimum(Number(value, key));
      } else if (key == "exclusiveMinimum") {
        out.set_exclusive_minimum(Bool(value, key));
      } else if (key == "maxLength") {
        out.set_max_length(Integer(value, key));
      } else if (key == "minLength") {
        out.set_min_length(Integer(value, key));
      } else if (key == "pattern") {
        out.set_pattern(String(value, key));
      } else if (key == "maxItems") {
        out.set_max_items(Integer(value, key));
      } else if (key == "minItems") {
        out.set_min_items(Integer(value, key));
      } else if (key == "maxProperties") {
        out.set_max_properties(Integer(value, key));
      } else if (key == "minProperties") {
        out.set_min_properties(Integer(value, key));
      } else if (key == "enum") {
        if (!value.is_array()) return Fail("openapi v2: enum is not an array");
        for (const Json& item : value.items()) out.add_enum_()->set_yaml(item.Dump());
      } else if (key == "required") {
        Strings(value, key, *out.mutable_required());
      } else if (key == "readOnly") {
        out.set_read_only(Bool(value, key));
      } else if (key == "type") {
        if (value.is_array()) {
          Strings(value, key, *out.mutable_type()->mutable_value());
        } else {
          out.mutable_type()->add_value(String(value, key));
        }
      } else if (key == "additionalProperties") {
        if (value.is_bool()) {
          out.mutable_additional_properties()->set_boolean(value.as_bool());
        } else {
          Schema(value, *out.mutable_additional_properties()->mutable_schema());
        }
      } else if (key == "items") {
        if (value.is_array()) {
          for (const Json& item : value.items()) Schema(item, *out.mutable_items()->add_schema());
        } else {
          Schema(value, *out.mutable_items()->add_schema());
        }
      } else if (key == "allOf") {
        if (!value.is_array()) return Fail("openapi v2: allOf is not an array");
        for (const Json& item : value.items()) Schema(item, *out.add_all_of());
      } else if (key == "properties") {
        NamedSchemas(value, key, *out.mutable_properties()->mutable_additional_properties());
      } else if (!Extension(key, value, *out.mutable_vendor_extension())) {
        Unsupported("schema", key);
      }
    }
  }

  absl::Status status_;
};

}  // namespace

absl::StatusOr<::openapi::v2::Document> ToGnosticDocument(const Json& swagger) {
  Converter converter;
  gnostic::Document document;
  converter.Document(swagger, document);
  if (!converter.status().ok()) return converter.status();
  return document;
}

}  // namespace kube::apiserver::openapi
