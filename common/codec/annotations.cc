#include "common/codec/annotations.h"

#include <memory>

#include "absl/synchronization/mutex.h"

namespace kube::codec::internal {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;

// Inline structs nest a level or two upstream; the bound only stops a cyclic schema.
constexpr int kMaxInlineDepth = 8;

void AddRoutes(const Descriptor* message, std::vector<const FieldDescriptor*>& via,
               KeyRoutes& routes) {
  // Direct members first, so that they win over promoted ones of the same name.
  for (int i = 0; i < message->field_count(); ++i) {
    const FieldDescriptor* field = message->field(i);
    if (IsInline(field) || IsJsonRemainder(field)) continue;
    routes.try_emplace(field->json_name(), KeyRoute{via, field});
  }
  if (via.size() >= kMaxInlineDepth) return;
  for (int i = 0; i < message->field_count(); ++i) {
    const FieldDescriptor* field = message->field(i);
    if (!IsInline(field)) continue;
    via.push_back(field);
    AddRoutes(field->message_type(), via, routes);
    via.pop_back();
  }
}

}  // namespace

bool IsJsonRemainder(const FieldDescriptor* field) {
  return field->cpp_type() == FieldDescriptor::CPPTYPE_STRING && !field->is_repeated() &&
         field->options().GetExtension(k8s::json_remainder);
}

bool HasJsonRemainder(const Descriptor* message) {
  for (int i = 0; i < message->field_count(); ++i) {
    if (IsJsonRemainder(message->field(i))) return true;
  }
  return false;
}

namespace {

struct RouteCache {
  absl::Mutex mu;
  absl::flat_hash_map<const Descriptor*, std::unique_ptr<const KeyRoutes>> routes
      ABSL_GUARDED_BY(mu);
};

}  // namespace

k8s::JsonForm FormOf(const Descriptor* message) {
  return message->options().GetExtension(k8s::json_form);
}

const std::string& ApiVersionOf(const Descriptor* message) {
  return message->options().GetExtension(k8s::api_version);
}

bool IsPointer(const FieldDescriptor* field) {
  return field->options().GetExtension(k8s::pointer);
}

bool IsAlwaysEmit(const FieldDescriptor* field) {
  return field->options().GetExtension(k8s::always_emit);
}

bool IsInline(const FieldDescriptor* field) {
  return field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE && !field->is_repeated() &&
         field->options().GetExtension(k8s::inline_);
}

const KeyRoutes& RoutesOf(const Descriptor* message) {
  static RouteCache* cache = new RouteCache;  // never destroyed: used until exit
  {
    absl::ReaderMutexLock lock(&cache->mu);
    auto it = cache->routes.find(message);
    if (it != cache->routes.end()) return *it->second;
  }
  auto built = std::make_unique<KeyRoutes>();
  std::vector<const FieldDescriptor*> via;
  AddRoutes(message, via, *built);
  absl::WriterMutexLock lock(&cache->mu);
  return *cache->routes.try_emplace(message, std::move(built)).first->second;
}

}  // namespace kube::codec::internal
