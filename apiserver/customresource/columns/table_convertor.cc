#include "apiserver/customresource/columns/table_convertor.h"

#include <cmath>
#include <limits>
#include <utility>

#include "apiserver/printers/human_duration.h"
#include "apiserver/printers/printer_util.h"
#include "common/api/field_error.h"
#include "common/codec/rfc3339.h"
#include "common/jsonpath/evaluate.h"
#include "common/jsonpath/go_format.h"
#include "common/jsonpath/parser.h"
#include "common/jsonpath/print.h"

namespace kube::apiserver::customresource {
namespace {

// metav1.Time's zero value, 0001-01-01T00:00:00Z, in Unix seconds.
constexpr int64_t kZeroTimeSeconds = -62135596800;

// metav1.Time.UnmarshalQueryParameter, then ConvertToHumanReadableDateType.
std::string DateCell(std::string_view text, absl::Time now) {
  if (text.empty() || text == "null") return "<unknown>";
  absl::StatusOr<codec::UnixTime> time = codec::ParseRfc3339(text);
  if (!time.ok()) return "<invalid>";
  if (time->seconds == kZeroTimeSeconds && time->nanos == 0) return "<unknown>";
  return ShortHumanDuration(
      now - (absl::FromUnixSeconds(time->seconds) + absl::Nanoseconds(time->nanos)));
}

// Go's int64(f): truncation; what amd64 yields for NaN or out of range.
int64_t GoInt64(double f) {
  if (std::isnan(f) || f >= 0x1p63 || f < -0x1p63) return std::numeric_limits<int64_t>::min();
  return static_cast<int64_t>(f);
}

// upstream's cellForJSONValue, for the types other than string.
Cell TypedCell(const std::string& type, const rapidjson::Value& value, absl::Time now) {
  if (type == "integer" && value.IsNumber()) {
    return jsonpath::IsGoInt(value) ? value.GetInt64() : GoInt64(value.GetDouble());
  }
  if (type == "number" && value.IsNumber()) {
    return jsonpath::IsGoInt(value) ? static_cast<double>(value.GetInt64()) : value.GetDouble();
  }
  if (type == "boolean" && value.IsBool()) return value.GetBool();
  if (type == "date" && value.IsString()) return DateCell(jsonpath::StringOf(value), now);
  return std::monostate{};
}

std::string ObjectName(const rapidjson::Value& object) {
  if (!object.IsObject()) return "";
  auto metadata = object.FindMember("metadata");
  if (metadata == object.MemberEnd() || !metadata->value.IsObject()) return "";
  auto name = metadata->value.FindMember("name");
  if (name == metadata->value.MemberEnd() || !name->value.IsString()) return "";
  return std::string(jsonpath::StringOf(name->value));
}

}  // namespace

TableConvertor::TableConvertor(const std::vector<PrinterColumn>& columns)
    : headers_{printer_internal::NameColumn()} {
  for (const PrinterColumn& column : columns) {
    absl::StatusOr<jsonpath::Template> path = jsonpath::ParseExpression(column.json_path);
    if (!path.ok()) {
      status_ = absl::InvalidArgumentError("unrecognized column definition " +
                                           api::QuoteValue(column.json_path));
      return;
    }
    paths_.push_back(*std::move(path));
    headers_.push_back(TableColumn{
        column.name, column.type, column.format,
        column.description.empty()
            ? "Custom resource definition column (in JSONPath format): " + column.json_path
            : column.description,
        column.priority});
  }
}

std::vector<Cell> TableConvertor::Row(const rapidjson::Value& object, absl::Time now) const {
  std::vector<Cell> cells;
  cells.reserve(headers_.size());
  cells.emplace_back(ObjectName(object));
  for (size_t i = 0; i < paths_.size(); ++i) {
    absl::StatusOr<std::vector<jsonpath::Values>> results =
        jsonpath::FindResults(paths_[i], object, {.allow_missing_keys = true});
    if (!results.ok() || results->empty() || results->front().empty()) {
      cells.emplace_back(std::monostate{});
      continue;
    }
    // Only the first match counts, as upstream assumes a simple path.
    const rapidjson::Value& value = *results->front().front();
    const std::string& type = headers_[i + 1].type;
    if (type == "string") {
      // upstream prints reflect.ValueOf(nil) for a JSON null, which Go's template
      // printer shows as "<no value>".
      cells.emplace_back(value.IsNull() ? "<no value>" : jsonpath::ValueText(value));
    } else {
      cells.push_back(TypedCell(type, value, now));
    }
  }
  return cells;
}

rapidjson::Value CellJson(const Cell& cell, rapidjson::Value::AllocatorType& allocator) {
  struct Visitor {
    rapidjson::Value::AllocatorType& allocator;
    rapidjson::Value operator()(std::monostate) const { return rapidjson::Value(); }
    rapidjson::Value operator()(const std::string& s) const {
      return rapidjson::Value(s.data(), static_cast<rapidjson::SizeType>(s.size()), allocator);
    }
    rapidjson::Value operator()(int64_t i) const { return rapidjson::Value(i); }
    rapidjson::Value operator()(double d) const { return rapidjson::Value(d); }
    rapidjson::Value operator()(bool b) const { return rapidjson::Value(b); }
  };
  return std::visit(Visitor{allocator}, cell);
}

}  // namespace kube::apiserver::customresource
