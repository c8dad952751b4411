#include "common/codec/message_info.h"

#include <algorithm>
#include <memory>

#include "absl/container/flat_hash_set.h"
#include "absl/synchronization/mutex.h"
#include "common/codec/annotations.h"
#include "common/codec/json_writer.h"
#include "common/codec/wire_reader.h"

namespace kube::codec::internal {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;

// Fields numbered below this are found through a vector, the others through a map.
constexpr int kDenseNumbers = 4096;

int WireTypeOf(FieldDescriptor::Type type) {
  switch (type) {
    case FieldDescriptor::TYPE_DOUBLE:
    case FieldDescriptor::TYPE_FIXED64:
    case FieldDescriptor::TYPE_SFIXED64:
      return kWireFixed64;
    case FieldDescriptor::TYPE_FLOAT:
    case FieldDescriptor::TYPE_FIXED32:
    case FieldDescriptor::TYPE_SFIXED32:
      return kWireFixed32;
    case FieldDescriptor::TYPE_STRING:
    case FieldDescriptor::TYPE_BYTES:
    case FieldDescriptor::TYPE_MESSAGE:
      return kWireLength;
    case FieldDescriptor::TYPE_GROUP:
      return kWireStartGroup;
    default:
      return kWireVarint;
  }
}

// No enum or group field in `message` or any message type it reaches.
bool WireEncodableTree(const Descriptor* message) {
  std::vector<const Descriptor*> pending = {message};
  absl::flat_hash_set<const Descriptor*> seen = {message};
  while (!pending.empty()) {
    const Descriptor* next = pending.back();
    pending.pop_back();
    for (int i = 0; i < next->field_count(); ++i) {
      const FieldDescriptor* field = next->field(i);
      if (field->type() == FieldDescriptor::TYPE_ENUM ||
          field->type() == FieldDescriptor::TYPE_GROUP || IsJsonRemainder(field)) {
        return false;
      }
      if (field->type() == FieldDescriptor::TYPE_MESSAGE &&
          seen.insert(field->message_type()).second) {
        pending.push_back(field->message_type());
      }
    }
  }
  return true;
}

void Fill(const FieldDescriptor* field, FieldInfo& info) {
  info.field = field;
  info.cpp_type = field->cpp_type();
  info.type = field->type();
  info.wire_type = WireTypeOf(field->type());
  AppendJsonString(info.json_key, field->json_name());
  info.json_key += ':';
  info.is_map = field->is_map();
  info.is_repeated = field->is_repeated();
  info.is_bytes = field->type() == FieldDescriptor::TYPE_BYTES;
  info.pointer = IsPointer(field);
  info.always_emit = IsAlwaysEmit(field);
  info.is_inline = IsInline(field);
  info.is_remainder = IsJsonRemainder(field);
  info.type_meta_name = field->json_name() == "kind" || field->json_name() == "apiVersion";
}

std::unique_ptr<MessageInfo> Build(const Descriptor* message) {
  auto info = std::make_unique<MessageInfo>();
  info->descriptor = message;
  info->form = FormOf(message);
  info->api_version = ApiVersionOf(message);
  info->is_time = info->form == k8s::JSON_TIME || info->form == k8s::JSON_MICRO_TIME;
  info->fields = std::vector<FieldInfo>(message->field_count());
  int dense_size = 0;
  for (int i = 0; i < message->field_count(); ++i) {
    const int number = message->field(i)->number();
    if (number < kDenseNumbers) dense_size = std::max(dense_size, number + 1);
  }
  info->index_by_number.assign(dense_size, -1);
  for (int i = 0; i < message->field_count(); ++i) {
    FieldInfo& field = info->fields[i];
    Fill(message->field(i), field);
    const int number = field.field->number();
    if (number < kDenseNumbers) {
      info->index_by_number[number] = i;
    } else {
      info->index_by_large_number[number] = i;
    }
    if (field.always_emit || field.is_inline) info->always_visit.push_back(i);
    if (field.is_remainder) info->remainder = i;
    if (number < static_cast<int>(info->form_fields.size()) && !field.is_repeated) {
      info->form_fields[number] = field.field;
    }
    if (i > 0 && message->field(i - 1)->number() > number) info->number_order = false;
  }
  return info;
}

struct InfoCache {
  absl::Mutex mu;
  absl::flat_hash_map<const Descriptor*, std::unique_ptr<const MessageInfo>> infos
      ABSL_GUARDED_BY(mu);
};

}  // namespace

const MessageInfo& InfoOf(const Descriptor* message) {
  static InfoCache* cache = new InfoCache;  // never destroyed: used until exit
  {
    absl::ReaderMutexLock lock(&cache->mu);
    auto it = cache->infos.find(message);
    if (it != cache->infos.end()) return *it->second;
  }
  std::unique_ptr<MessageInfo> built = Build(message);
  absl::WriterMutexLock lock(&cache->mu);
  return *cache->infos.try_emplace(message, std::move(built)).first->second;
}

const MessageInfo& FieldInfo::Message() const {
  // Racing threads store the same pointer; acquire/release publishes the table.
  const MessageInfo* info = message_.load(std::memory_order_acquire);
  if (info == nullptr) {
    info = &InfoOf(field->message_type());
    message_.store(info, std::memory_order_release);
  }
  return *info;
}

const FieldInfo& FieldInfo::MapValue() const { return Message().fields[1]; }

const absl::flat_hash_map<std::string, FieldRoute>& MessageInfo::Routes() const {
  absl::call_once(routes_once_, [this] {
    for (const auto& [key, route] : RoutesOf(descriptor)) {
      const FieldDescriptor* field = route.field;
      // A route's field belongs to this message or to an inline member's type.
      const MessageInfo& owner =
          field->containing_type() == descriptor ? *this : InfoOf(field->containing_type());
      FieldRoute& out = routes_[key];
      out.via.assign(route.via.begin(), route.via.end());
      out.field = &owner.fields[field->index()];
    }
  });
  return routes_;
}

bool MessageInfo::WireEncodable() const {
  int known = wire_encodable_.load(std::memory_order_relaxed);
  if (known < 0) {
    known = WireEncodableTree(descriptor) ? 1 : 0;
    wire_encodable_.store(known, std::memory_order_relaxed);
  }
  return known == 1;
}

}  // namespace kube::codec::internal
