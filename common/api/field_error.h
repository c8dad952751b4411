#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kube::api {

// One validation failure of one field, as upstream's field.Error: its text is what
// kubectl prints after "* " for an Invalid error, e.g.
//   spec.containers[0].image: Required value
//   metadata.name: Invalid value: "Foo": a lowercase RFC 1123 subdomain must ...
//   spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", ...
struct FieldError {
  enum class Type {
    kRequired,      // FieldValueRequired
    kInvalid,       // FieldValueInvalid
    kNotSupported,  // FieldValueNotSupported
    kDuplicate,     // FieldValueDuplicate
    kForbidden,     // FieldValueForbidden
    kTooLong,       // FieldValueTooLong
    kTooMany,       // FieldValueTooMany
    kNotFound,      // FieldValueNotFound
  };

  Type type = Type::kInvalid;
  std::string field;  // "spec.containers[0].image"
  // The offending value already rendered as upstream prints it ("\"Foo\"", "-1"),
  // empty for types that print no value.
  std::string value;
  std::string detail;

  // "Required value", "Invalid value: \"Foo\": detail", ... without the field.
  std::string Body() const;
  // "<field>: <body>".
  std::string ToString() const;
  // The StatusCause reason: "FieldValueRequired", ...
  std::string_view Reason() const;
};

// Builders with upstream's wording.
FieldError Required(std::string field, std::string detail = "");
FieldError Invalid(std::string field, std::string_view value, std::string detail);
FieldError InvalidNumber(std::string field, int64_t value, std::string detail);
FieldError NotSupported(std::string field, std::string_view value,
                        const std::vector<std::string>& supported);
FieldError Duplicate(std::string field, std::string_view value);
FieldError Forbidden(std::string field, std::string detail);
FieldError TooLong(std::string field, std::string_view value, size_t max_length);
// "Too many: 1001: must have at most 1000 items".
FieldError TooMany(std::string field, size_t actual, size_t max_items);
FieldError NotFoundField(std::string field, std::string_view value);

// Renders a string value as upstream prints it (a quoted Go string).
std::string QuoteValue(std::string_view value);

using FieldErrors = std::vector<FieldError>;

}  // namespace kube::api
