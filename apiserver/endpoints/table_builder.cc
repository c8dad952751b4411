#include "apiserver/endpoints/table_builder.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "common/api/object.h"
#include "common/codec/json_encode.h"

namespace kube::apiserver {
namespace {

using rapidjson::Value;

// Upstream's fallback for kinds without a printer: Name and Created At.
class DefaultColumns {
 public:
  static std::vector<TableColumn> Columns() {
    return {{"Name", "string", "name", "Name must be unique within a namespace.", 0},
            {"Created At", "date", "", "CreationTimestamp is a timestamp representing the "
                                       "server time when this object was created.", 0}};
  }
  static std::vector<TableCell> Row(const google::protobuf::Message& object) {
    const auto* meta = api::ObjectMetaOf(object);
    std::string created;
    if (meta->has_creationtimestamp()) {
      created = absl::FormatTime("%Y-%m-%dT%H:%M:%SZ",
                                 absl::FromUnixSeconds(meta->creationtimestamp().seconds()),
                                 absl::UTCTimeZone());
    }
    return {meta->name(), created};
  }
};

Value StringValue(const std::string& text, rapidjson::Document::AllocatorType& allocator) {
  Value value;
  value.SetString(text.data(), static_cast<rapidjson::SizeType>(text.size()), allocator);
  return value;
}

}  // namespace

std::string BuildTableJson(const ResourceInfo& resource,
                           const std::vector<const google::protobuf::Message*>& objects,
                           const TableOptions& options) {
  rapidjson::Document document(rapidjson::kObjectType);
  auto& allocator = document.GetAllocator();
  document.AddMember("kind", "Table", allocator);
  document.AddMember("apiVersion", "meta.k8s.io/v1", allocator);
  Value metadata(rapidjson::kObjectType);
  if (!options.resource_version.empty()) {
    metadata.AddMember("resourceVersion", StringValue(options.resource_version, allocator),
                       allocator);
  }
  if (!options.continue_token.empty()) {
    metadata.AddMember("continue", StringValue(options.continue_token, allocator), allocator);
  }
  document.AddMember("metadata", metadata, allocator);

  std::vector<TableColumn> columns =
      resource.printer ? resource.printer->Columns() : DefaultColumns::Columns();
  Value definitions(rapidjson::kArrayType);
  for (const TableColumn& column : columns) {
    Value definition(rapidjson::kObjectType);
    definition.AddMember("name", StringValue(column.name, allocator), allocator);
    definition.AddMember("type", StringValue(column.type, allocator), allocator);
    definition.AddMember("format", StringValue(column.format, allocator), allocator);
    definition.AddMember("description", StringValue(column.description, allocator), allocator);
    definition.AddMember("priority", column.priority, allocator);
    definitions.PushBack(definition, allocator);
  }
  document.AddMember("columnDefinitions", definitions, allocator);

  Value rows(rapidjson::kArrayType);
  for (const google::protobuf::Message* object : objects) {
    std::vector<TableCell> cells = resource.printer ? resource.printer->Row(*object, options.now)
                                                    : DefaultColumns::Row(*object);
    Value row(rapidjson::kObjectType);
    Value cell_values(rapidjson::kArrayType);
    for (const TableCell& cell : cells) {
      if (const auto* text = std::get_if<std::string>(&cell)) {
        cell_values.PushBack(StringValue(*text, allocator), allocator);
      } else if (std::holds_alternative<std::monostate>(cell)) {
        cell_values.PushBack(Value(), allocator);
      } else if (const auto* number = std::get_if<double>(&cell)) {
        cell_values.PushBack(Value(*number), allocator);
      } else if (const auto* flag = std::get_if<bool>(&cell)) {
        cell_values.PushBack(Value(*flag), allocator);
      } else {
        cell_values.PushBack(Value(std::get<int64_t>(cell)), allocator);
      }
    }
    row.AddMember("cells", cell_values, allocator);
    if (options.include_object == IncludeObject::kObject) {
      Value full;
      codec::EncodeJsonValue(*object, full, allocator);
      row.AddMember("object", full, allocator);
    } else if (options.include_object == IncludeObject::kMetadata) {
      Value partial(rapidjson::kObjectType);
      partial.AddMember("kind", "PartialObjectMetadata", allocator);
      partial.AddMember("apiVersion", "meta.k8s.io/v1", allocator);
      Value meta_value;
      codec::EncodeJsonValue(*api::ObjectMetaOf(*object), meta_value, allocator);
      partial.AddMember("metadata", meta_value, allocator);
      row.AddMember("object", partial, allocator);
    }
    rows.PushBack(row, allocator);
  }
  document.AddMember("rows", rows, allocator);

  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  document.Accept(writer);
  return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace kube::apiserver
