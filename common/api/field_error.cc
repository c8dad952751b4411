#include "common/api/field_error.h"

#include "common/util/strings.h"


namespace kube::api {
namespace {

std::string_view TypeText(FieldError::Type type) {
  switch (type) {
    case FieldError::Type::kRequired: return "Required value";
    case FieldError::Type::kInvalid: return "Invalid value";
    case FieldError::Type::kNotSupported: return "Unsupported value";
    case FieldError::Type::kDuplicate: return "Duplicate value";
    case FieldError::Type::kForbidden: return "Forbidden";
    case FieldError::Type::kTooLong: return "Too long";
    case FieldError::Type::kTooMany: return "Too many";
    case FieldError::Type::kNotFound: return "Not found";
  }
  return "Invalid value";
}

}  // namespace

std::string FieldError::Body() const {
  std::string body(TypeText(type));
  // Upstream prints no value for these types.
  bool prints_value = type != Type::kRequired && type != Type::kForbidden &&
                      type != Type::kTooLong && !value.empty();
  if (prints_value) StrAppend(&body, ": ", value);
  if (!detail.empty()) StrAppend(&body, ": ", detail);
  return body;
}

std::string FieldError::ToString() const { return StrCat(field, ": ", Body()); }

std::string_view FieldError::Reason() const {
  switch (type) {
    case Type::kRequired: return "FieldValueRequired";
    case Type::kInvalid: return "FieldValueInvalid";
    case Type::kNotSupported: return "FieldValueNotSupported";
    case Type::kDuplicate: return "FieldValueDuplicate";
    case Type::kForbidden: return "FieldValueForbidden";
    case Type::kTooLong: return "FieldValueTooLong";
    case Type::kTooMany: return "FieldValueTooMany";
    case Type::kNotFound: return "FieldValueNotFound";
  }
  return "FieldValueInvalid";
}

std::string QuoteValue(std::string_view value) {
  std::string quoted = "\"";
  for (char c : value) {
    switch (c) {
      case '"': quoted += "\\\""; break;
      case '\\': quoted += "\\\\"; break;
      case '\n': quoted += "\\n"; break;
      case '\t': quoted += "\\t"; break;
      default: quoted += c;
    }
  }
  quoted += '"';
  return quoted;
}

FieldError Required(std::string field, std::string detail) {
  return {FieldError::Type::kRequired, std::move(field), "", std::move(detail)};
}

FieldError Invalid(std::string field, std::string_view value, std::string detail) {
  return {FieldError::Type::kInvalid, std::move(field), QuoteValue(value), std::move(detail)};
}

FieldError InvalidNumber(std::string field, int64_t value, std::string detail) {
  return {FieldError::Type::kInvalid, std::move(field), std::to_string(value), std::move(detail)};
}

FieldError NotSupported(std::string field, std::string_view value,
                        const std::vector<std::string>& supported) {
  std::vector<std::string> quoted;
  for (const std::string& option : supported) quoted.push_back(QuoteValue(option));
  return {FieldError::Type::kNotSupported, std::move(field), QuoteValue(value),
          supported.empty() ? "" : StrCat("supported values: ", StrJoin(quoted, ", "))};
}

FieldError Duplicate(std::string field, std::string_view value) {
  return {FieldError::Type::kDuplicate, std::move(field), QuoteValue(value), ""};
}

FieldError Forbidden(std::string field, std::string detail) {
  return {FieldError::Type::kForbidden, std::move(field), "", std::move(detail)};
}

FieldError TooLong(std::string field, std::string_view value, size_t max_length) {
  return {FieldError::Type::kTooLong, std::move(field), QuoteValue(value),
          StrCat("must have at most ", max_length, " bytes")};
}

FieldError TooMany(std::string field, size_t actual, size_t max_items) {
  return {FieldError::Type::kTooMany, std::move(field), std::to_string(actual),
          StrCat("must have at most ", max_items, max_items == 1 ? " item" : " items")};
}

FieldError NotFoundField(std::string field, std::string_view value) {
  return {FieldError::Type::kNotFound, std::move(field), QuoteValue(value), ""};
}

}  // namespace kube::api
