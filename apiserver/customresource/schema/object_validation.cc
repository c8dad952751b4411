#include "apiserver/customresource/schema/object_validation.h"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>

#include "apiserver/customresource/schema/formats.h"
#include "apiserver/customresource/schema/go_text.h"
#include "apiserver/customresource/schema/json_compare.h"
#include "apiserver/customresource/schema/list_type_validation.h"
#include "apiserver/customresource/schema/schema_node.h"
#include "common/codec/json_text.h"
#include "common/util/strings.h"

namespace kube::apiserver::crd_schema {
namespace {

using rapidjson::Value;

// One kube-openapi Result: its errors (already converted) and its match count, which
// picks the "best" failing alternative of anyOf/oneOf as kube-openapi does.
struct Result {
  api::FieldErrors errors;
  int matches = 0;

  bool Valid() const { return errors.empty(); }
  void Merge(Result&& other) {
    for (auto& error : other.errors) errors.push_back(std::move(error));
    matches += other.matches;
  }
};

// The schema's types as kube-openapi holds them: x-kubernetes-int-or-string makes them
// [integer, string].
struct Types {
  std::string_view names[2];
  int size = 0;

  bool Contains(std::string_view name) const {
    for (int i = 0; i < size; ++i) {
      if (names[i] == name) return true;
    }
    return false;
  }
  std::string Join() const {
    return size == 2 ? StrCat(names[0], ",", names[1]) : std::string(names[0]);
  }
};

Types TypesOf(const Value& schema, SchemaForm form) {
  if (form == SchemaForm::kCustomResource && IntOrString(schema)) return {{"integer", "string"}, 2};
  std::string_view type = Type(schema);
  if (type.empty()) return {};
  return {{type, ""}, 1};
}

// swag.IsFloat64AJSONInteger.
bool IsJsonInteger(double value) {
  constexpr double kMax = 9007199254740991.0;  // 1<<53 - 1
  return std::isfinite(value) && value >= -kMax && value <= kMax && value == std::trunc(value);
}

// strconv.FormatFloat(value, 'f', -1, 64).
std::string FixedFloat(double value) {
  char buffer[400];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof(buffer), value, std::chars_format::fixed);
  return std::string(buffer, end);
}

// strconv.ParseInt(text, 10, bits) succeeds.
bool ParsesAsInt(std::string_view text, int bits) {
  int64_t parsed = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), parsed);
  if (ec != std::errc() || end != text.data() + text.size()) return false;
  if (bits == 32) {
    return parsed >= std::numeric_limits<int32_t>::min() &&
           parsed <= std::numeric_limits<int32_t>::max();
  }
  return true;
}

int64_t TruncateToInt64(double value) {
  if (!(value > -9.2e18)) return std::numeric_limits<int64_t>::min();
  if (!(value < 9.2e18)) return std::numeric_limits<int64_t>::max();
  return static_cast<int64_t>(value);
}

size_t RuneCount(std::string_view text) {
  size_t count = 0;
  for (unsigned char c : text) {
    if ((c & 0xC0) != 0x80) ++count;
  }
  return count;
}

int64_t IntKeyword(const Value& number) {
  return number.IsInt64() ? number.GetInt64() : TruncateToInt64(number.GetDouble());
}

class Validator {
 public:
  Validator(std::string_view base_path, const SchemaPatterns& patterns, SchemaForm form)
      : base_path_(base_path), patterns_(patterns), form_(form) {}

  Result Validate(const Value& schema, const Value& data, const std::string& path) const {
    Result result;
    if (!schema.IsObject()) return result;
    Types types = TypesOf(schema, form_);
    std::string_view format = EffectiveFormat(schema);
    if (data.IsNull()) {
      // kube-openapi runs only the type and the enum validators on null.
      if (types.size > 0 && !types.Contains("null") && !Nullable(schema)) {
        AddInvalidType(path, types.Join(), "null", &result);
      }
      CheckEnum(schema, data, path, &result);
      ++result.matches;
      return result;
    }
    if (types.size > 0 || !format.empty()) CheckType(types, format, data, path, &result);
    CheckSchemaProps(schema, data, path, &result);
    if (data.IsString()) {
      CheckString(schema, data, path, &result);
      if (IsStringFormat(format)) CheckFormat(format, data, path, &result);
    }
    if (data.IsNumber()) CheckNumber(schema, types, format, data, path, &result);
    if (data.IsArray()) CheckArray(schema, data, path, &result);
    CheckEnum(schema, data, path, &result);
    if (data.IsObject()) CheckObject(schema, data, path, &result);
    ++result.matches;
    return result;
  }

 private:
  // The field path of an error kube-openapi reports for `name`.
  std::string FieldOf(std::string_view name) const {
    if (name.empty() || name == ".") return Base();
    if (name.front() == '.') name.remove_prefix(1);
    return ChildPath(base_path_, name);
  }
  std::string Base() const { return base_path_.empty() ? "<nil>" : std::string(base_path_); }

  static std::string InBody(std::string_view path, std::string_view rest) {
    return StrCat(path, " in body ", rest);
  }

  void AddInvalid(std::string_view path, std::string value, std::string detail,
                  Result* result) const {
    result->errors.push_back(
        {api::FieldError::Type::kInvalid, FieldOf(path), std::move(value), std::move(detail)});
  }
  // errors.InvalidType with a string value (the type or format found).
  void AddInvalidType(std::string_view path, std::string_view expected, std::string_view found,
                      Result* result) const {
    std::string quoted = api::QuoteValue(found);
    AddInvalid(path, quoted, InBody(path, StrCat("must be of type ", expected, ": ", quoted)),
               result);
  }
  // An error that is no openapi Validation (composition, range checks): upstream puts
  // it at the base path with an empty value.
  void AddUnnamed(std::string detail, Result* result) const {
    result->errors.push_back({api::FieldError::Type::kInvalid, Base(), "\"\"", std::move(detail)});
  }

  void CheckType(const Types& types, std::string_view format, const Value& data,
                 const std::string& path, Result* result) const {
    ++result->matches;
    std::string_view found = OpenApiTypeOf(data);
    std::string_view found_format = found == "integer"  ? "int64"
                                    : found == "number" ? "float64"
                                                        : "";
    bool float_int =
        found == "number" && IsJsonInteger(data.GetDouble()) && types.Contains("integer");
    bool int_float = found == "integer" && types.Contains("number");
    bool string_or_array = data.IsString() || data.IsArray();
    bool type_matches = types.Contains(found) || float_int || int_float;
    if (!string_or_array && !format.empty() && !(type_matches || found_format == format)) {
      AddInvalidType(path, format, found_format, result);
      return;
    }
    if (!types.Contains("number") && !types.Contains("integer") && !format.empty() &&
        string_or_array) {
      return;
    }
    if (!type_matches) AddInvalidType(path, types.Join(), found, result);
  }

  void CheckSchemaProps(const Value& schema, const Value& data, const std::string& path,
                        Result* result) const {
    ++result->matches;
    auto quoted_path = [&] { return api::QuoteValue(path); };
    if (const Value* any_of = ArrayKeyword(schema, "anyOf"); any_of && !any_of->Empty()) {
      std::optional<Result> best, first_success;
      for (const Value& alternative : any_of->GetArray()) {
        Result attempt = Validate(alternative, data, path);
        if (attempt.Valid()) {
          best.reset();
          first_success = std::move(attempt);
          break;
        }
        if (!best || attempt.matches > best->matches) best = std::move(attempt);
      }
      if (!first_success) {
        AddUnnamed(StrCat(quoted_path(), " must validate at least one schema (anyOf)"), result);
      }
      if (best) {
        result->Merge(std::move(*best));
      } else if (first_success) {
        result->Merge(std::move(*first_success));
      }
    }
    if (const Value* one_of = ArrayKeyword(schema, "oneOf"); one_of && !one_of->Empty()) {
      std::optional<Result> best, first_success;
      int validated = 0;
      for (const Value& alternative : one_of->GetArray()) {
        Result attempt = Validate(alternative, data, path);
        if (attempt.Valid()) {
          ++validated;
          best.reset();
          if (!first_success) first_success = std::move(attempt);
          continue;
        }
        if (validated == 0 && (!best || attempt.matches > best->matches)) {
          best = std::move(attempt);
        }
      }
      if (validated != 1) {
        std::string found = validated == 0 ? "Found none valid"
                                           : StrCat("Found ", validated, " valid alternatives");
        AddUnnamed(StrCat(quoted_path(), " must validate one and only one schema (oneOf). ", found),
                   result);
        if (best) result->Merge(std::move(*best));
      } else if (first_success) {
        result->Merge(std::move(*first_success));
      }
    }
    if (const Value* all_of = ArrayKeyword(schema, "allOf"); all_of && !all_of->Empty()) {
      size_t validated = 0;
      for (const Value& part : all_of->GetArray()) {
        Result attempt = Validate(part, data, path);
        if (attempt.Valid()) ++validated;
        result->Merge(std::move(attempt));
      }
      if (validated != all_of->Size()) {
        AddUnnamed(StrCat(quoted_path(), " must validate all the schemas (allOf)",
                          validated == 0 ? ". None validated" : ""),
                   result);
      }
    }
    if (const Value* negated = ObjectKeyword(schema, "not")) {
      if (Validate(*negated, data, path).Valid()) {
        AddUnnamed(StrCat(quoted_path(), " must not validate the schema (not)"), result);
      }
    }
  }

  void CheckString(const Value& schema, const Value& data, const std::string& path,
                   Result* result) const {
    ++result->matches;
    std::string_view text = ToView(data);
    // kube-openapi stops at the first failing string constraint.
    if (const Value* max = NumberKeyword(schema, "maxLength")) {
      if (static_cast<int64_t>(RuneCount(text)) > IntKeyword(*max)) {
        result->errors.push_back(api::TooLong(FieldOf(path), "", IntKeyword(*max)));
        return;
      }
    }
    if (const Value* min = NumberKeyword(schema, "minLength")) {
      if (static_cast<int64_t>(RuneCount(text)) < IntKeyword(*min)) {
        AddInvalid(path, api::QuoteValue(text),
                   InBody(path, StrCat("should be at least ", IntKeyword(*min), " chars long")),
                   result);
        return;
      }
    }
    std::string_view pattern = StringKeyword(schema, "pattern");
    if (pattern.empty()) return;
    const RE2* regex = patterns_.Find(pattern);
    if (regex == nullptr) {
      std::string error = PatternError(pattern);
      if (!error.empty()) {
        AddInvalid(path, api::QuoteValue(text),
                   InBody(path, StrCat("should match '", pattern,
                                       ", but pattern is invalid: ", error, "'")),
                   result);
        return;
      }
      // Not compiled ahead (a schema other than the one the patterns were built from).
      RE2 compiled(re2::StringPiece(pattern.data(), pattern.size()));
      if (!RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), compiled)) {
        AddInvalid(path, api::QuoteValue(text),
                   InBody(path, StrCat("should match '", pattern, "'")), result);
      }
      return;
    }
    if (!RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), *regex)) {
      AddInvalid(path, api::QuoteValue(text), InBody(path, StrCat("should match '", pattern, "'")),
                 result);
    }
  }

  void CheckFormat(std::string_view format, const Value& data, const std::string& path,
                   Result* result) const {
    ++result->matches;
    if (!MatchesStringFormat(format, ToView(data))) {
      AddInvalidType(path, format, ToView(data), result);
    }
  }

  // validate.IsValueValidAgainstRange: whether `text` (a number as strconv prints it)
  // fits the schema's numeric type and format; the error text, or nullopt.
  static std::optional<std::string> RangeError(std::string_view text, std::string_view type,
                                               std::string_view format, std::string_view prefix,
                                               std::string_view path) {
    bool fits = true;
    if (type == "integer") {
      fits = ParsesAsInt(text, format == "int32" ? 32 : 64);
    } else if (format == "float") {
      double parsed = std::strtod(std::string(text).c_str(), nullptr);
      fits = std::fabs(parsed) <= std::numeric_limits<float>::max();
    }
    if (fits) return std::nullopt;
    if (!format.empty()) {
      return StrCat(prefix, " value must be of type ", type, " with format ", format, " in ", path);
    }
    return StrCat(prefix, " value must be of type ", type, " (default format) in ", path);
  }

  void CheckNumber(const Value& schema, const Types& types, std::string_view format,
                   const Value& data, const std::string& path, Result* result) const {
    ++result->matches;
    std::string_view type;
    if (types.size == 1 && (types.names[0] == "integer" || types.names[0] == "number")) {
      type = types.names[0];
    }
    std::string_view number_format = format;
    if (type.empty() || (type == "integer" && format != "int32" && format != "int64") ||
        (type == "number" && format != "float" && format != "double")) {
      number_format = "";
    }
    bool is_int = IsGoInt(data);
    double value = data.GetDouble();
    std::string value_text = GoNumber(data);
    if (auto error = RangeError(is_int ? value_text : FixedFloat(value), type, number_format,
                                "Checked", path)) {
      AddUnnamed(*error, result);
    }
    Result multiple, minimum, maximum;
    if (const Value* factor_value = NumberKeyword(schema, "multipleOf")) {
      double factor = factor_value->GetDouble();
      auto range = RangeError(FixedFloat(factor), type, number_format, "MultipleOf", path);
      if (range) AddUnnamed(*range, &multiple);
      if (!range && is_int) {
        int64_t int_factor = TruncateToInt64(factor);
        if (int_factor <= 0) {
          AddInvalid(
              path, std::to_string(int_factor),
              StrCat("factor MultipleOf declared for ", path, " must be positive: ", int_factor),
              &multiple);
        } else if (data.GetInt64() % int_factor != 0) {
          AddInvalid(path, value_text, InBody(path, StrCat("should be a multiple of ", int_factor)),
                     &multiple);
        }
      } else if (factor <= 0) {
        AddInvalid(
            path, GoFloat(factor),
            StrCat("factor MultipleOf declared for ", path, " must be positive: ", GoFloat(factor)),
            &multiple);
      } else if (!IsJsonInteger(factor < 1 ? 1 / factor * value : value / factor)) {
        AddInvalid(path, value_text,
                   InBody(path, StrCat("should be a multiple of ", GoFloat(factor))), &multiple);
      }
    }
    CheckBound(schema, "minimum", "exclusiveMinimum", type, number_format, data, path, &minimum);
    CheckBound(schema, "maximum", "exclusiveMaximum", type, number_format, data, path, &maximum);
    result->Merge(std::move(multiple));
    result->Merge(std::move(minimum));
    result->Merge(std::move(maximum));
  }

  void CheckBound(const Value& schema, std::string_view keyword, std::string_view exclusive_keyword,
                  std::string_view type, std::string_view format, const Value& data,
                  const std::string& path, Result* result) const {
    const Value* bound_value = NumberKeyword(schema, keyword);
    if (bound_value == nullptr) return;
    bool is_max = keyword == "maximum";
    bool exclusive = IsTrue(schema, exclusive_keyword);
    double bound = bound_value->GetDouble();
    auto range = RangeError(FixedFloat(bound), type, format,
                            is_max ? "Maximum boundary" : "Minimum boundary", path);
    if (range) AddUnnamed(*range, result);
    bool violated;
    std::string bound_text;
    if (!range && IsGoInt(data)) {
      int64_t int_bound = TruncateToInt64(bound);
      int64_t value = data.GetInt64();
      violated = is_max ? (exclusive ? value >= int_bound : value > int_bound)
                        : (exclusive ? value <= int_bound : value < int_bound);
      bound_text = std::to_string(int_bound);
    } else {
      double value = data.GetDouble();
      violated = is_max ? (exclusive ? value >= bound : value > bound)
                        : (exclusive ? value <= bound : value < bound);
      bound_text = GoFloat(bound);
    }
    if (!violated) return;
    std::string_view relation = is_max
                                    ? (exclusive ? "less than " : "less than or equal to ")
                                    : (exclusive ? "greater than " : "greater than or equal to ");
    AddInvalid(path, GoNumber(data), InBody(path, StrCat("should be ", relation, bound_text)),
               result);
  }

  void CheckArray(const Value& schema, const Value& data, const std::string& path,
                  Result* result) const {
    ++result->matches;
    if (const Value* items = ItemsSchema(schema)) {
      for (rapidjson::SizeType i = 0; i < data.Size(); ++i) {
        result->Merge(Validate(*items, data[i], IndexPath(path, i)));
      }
    }
    int64_t size = data.Size();
    if (const Value* min = NumberKeyword(schema, "minItems"); min && size < IntKeyword(*min)) {
      AddInvalid(path, std::to_string(size),
                 InBody(path, StrCat("should have at least ", IntKeyword(*min), " items")), result);
    }
    if (const Value* max = NumberKeyword(schema, "maxItems"); max && size > IntKeyword(*max)) {
      result->errors.push_back(api::TooMany(FieldOf(path), size, IntKeyword(*max)));
    }
  }

  void CheckEnum(const Value& schema, const Value& data, const std::string& path,
                 Result* result) const {
    ++result->matches;
    const Value* values = ArrayKeyword(schema, "enum");
    if (values == nullptr || values->Empty()) return;
    for (const Value& allowed : values->GetArray()) {
      // A null value matches no enum entry in kube-openapi, not even null.
      if (!data.IsNull() && !allowed.IsNull() && JsonEqual(data, allowed)) return;
    }
    std::vector<std::string> supported;
    for (const Value& allowed : values->GetArray()) {
      supported.push_back(allowed.IsString() ? std::string(ToView(allowed))
                                             : codec::WriteJson(allowed));
    }
    api::FieldError error = api::NotSupported(FieldOf(path), "", supported);
    error.value = GoErrorValue(data);
    result->errors.push_back(std::move(error));
  }

  void CheckObject(const Value& schema, const Value& data, const std::string& path,
                   Result* result) const {
    ++result->matches;
    int64_t count = data.MemberCount();
    if (const Value* min = NumberKeyword(schema, "minProperties");
        min && count < IntKeyword(*min)) {
      AddInvalid(path, std::to_string(count),
                 InBody(path, StrCat("should have at least ", IntKeyword(*min), " properties")),
                 result);
    }
    if (const Value* max = NumberKeyword(schema, "maxProperties");
        max && count > IntKeyword(*max)) {
      result->errors.push_back(api::TooMany(FieldOf(path), count, IntKeyword(*max)));
    }
    const Value* properties = ObjectKeyword(schema, "properties");
    AdditionalProperties additional = GetAdditionalProperties(schema);
    for (const auto& member : data.GetObject()) {
      std::string_view key = ToView(member.name);
      if (properties != nullptr && Keyword(*properties, key) != nullptr) continue;
      if (additional.present && !additional.allows) {
        AddInvalid(path, api::QuoteValue(key),
                   StrCat(path, ".", key, " in body is a forbidden property"), result);
      } else if (additional.schema != nullptr) {
        result->Merge(Validate(*additional.schema, member.value, StrCat(path, ".", key)));
      }
    }
    if (properties != nullptr) {
      for (const auto& property : properties->GetObject()) {
        auto it = data.FindMember(property.name);
        if (it == data.MemberEnd()) continue;
        result->Merge(Validate(property.value, it->value, ChildPath(path, ToView(property.name))));
      }
    }
    if (const Value* required = ArrayKeyword(schema, "required")) {
      for (const Value& name : required->GetArray()) {
        if (name.IsString() && !data.HasMember(name)) {
          result->errors.push_back(api::Required(FieldOf(StrCat(path, ".", ToView(name)))));
        }
      }
    }
  }

  std::string_view base_path_;
  const SchemaPatterns& patterns_;
  SchemaForm form_;
};

}  // namespace

api::FieldErrors ValidateAgainstSchema(const rapidjson::Value& schema,
                                       const rapidjson::Value& value, std::string_view base_path,
                                       const SchemaPatterns* patterns, SchemaForm form) {
  std::optional<SchemaPatterns> own_patterns;
  if (patterns == nullptr) patterns = &own_patterns.emplace(schema);
  return Validator(base_path, *patterns, form).Validate(schema, value, "").errors;
}

api::FieldErrors ValidateObject(const rapidjson::Value& schema, const rapidjson::Value& object,
                                const SchemaPatterns* patterns,
                                const EmbeddedMetadataValidator& validate_metadata) {
  api::FieldErrors errors = ValidateAgainstSchema(schema, object, "", patterns);
  for (auto& error : ValidateEmbeddedResources(schema, object, validate_metadata)) {
    errors.push_back(std::move(error));
  }
  for (auto& error : ValidateListSetsAndMaps(schema, object)) errors.push_back(std::move(error));
  return errors;
}

}  // namespace kube::apiserver::crd_schema
