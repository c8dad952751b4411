#include "apiserver/customresource/schema/pruning.h"

#include <algorithm>

#include "apiserver/customresource/schema/schema_node.h"
#include "common/util/strings.h"

namespace kube::apiserver::crd_schema {
namespace {

using rapidjson::Value;

class Pruner {
 public:
  explicit Pruner(std::vector<std::string>* pruned) : pruned_(pruned) {}

  // `schema` null means nothing is specified; `embedded` treats the node as an
  // x-kubernetes-embedded-resource (a resource root is one).
  void Prune(Value& value, const Value* schema, bool embedded) {
    if (schema != nullptr && PreservesUnknownFields(*schema)) {
      SkipPrune(value, schema, embedded);
      return;
    }
    size_t depth = path_.size();
    if (value.IsObject()) {
      for (auto it = value.MemberBegin(); it != value.MemberEnd();) {
        std::string_view key = ToView(it->name);
        if (schema == nullptr) {
          Record(key);
          it = value.EraseMember(it);
          continue;
        }
        if (embedded && IsResourceMetaField(key)) {
          ++it;
          continue;
        }
        if (const Value* property = PropertySchema(*schema, key)) {
          Descend(key, it->value, property);
        } else if (AdditionalProperties additional = GetAdditionalProperties(*schema);
                   additional.present) {
          Descend(key, it->value, additional.schema);
        } else {
          // A nested object's apiVersion/kind/metadata that is no embedded resource's.
          if (!IsResourceMetaField(key) || depth > 0) Record(key);
          it = value.EraseMember(it);
          continue;
        }
        ++it;
      }
    } else if (value.IsArray()) {
      const Value* items = schema == nullptr ? nullptr : ItemsSchema(*schema);
      for (rapidjson::SizeType i = 0; i < value.Size(); ++i) {
        StrAppend(&path_, "[", i, "]");
        Prune(value[i], items, items != nullptr && EmbeddedResource(*items));
        path_.resize(depth);
      }
    }
  }

 private:
  // x-kubernetes-preserve-unknown-fields: unknown fields stay, specified ones are pruned.
  void SkipPrune(Value& value, const Value* schema, bool embedded) {
    if (schema == nullptr) return;
    size_t depth = path_.size();
    if (value.IsObject()) {
      for (auto& member : value.GetObject()) {
        std::string_view key = ToView(member.name);
        if (embedded && IsResourceMetaField(key)) continue;
        if (const Value* property = PropertySchema(*schema, key)) {
          Descend(key, member.value, property);
        } else if (AdditionalProperties additional = GetAdditionalProperties(*schema);
                   additional.present) {
          Descend(key, member.value, additional.schema);
        }
      }
    } else if (value.IsArray()) {
      const Value* items = ItemsSchema(*schema);
      for (rapidjson::SizeType i = 0; i < value.Size(); ++i) {
        StrAppend(&path_, "[", i, "]");
        SkipPrune(value[i], items, items != nullptr && EmbeddedResource(*items));
        path_.resize(depth);
      }
    }
  }

  void Descend(std::string_view key, Value& value, const Value* schema) {
    size_t depth = path_.size();
    if (depth > 0) path_.push_back('.');
    path_.append(key);
    Prune(value, schema, schema != nullptr && EmbeddedResource(*schema));
    path_.resize(depth);
  }

  void Record(std::string_view key) {
    if (pruned_ == nullptr) return;
    pruned_->push_back(path_.empty() ? std::string(key) : StrCat(path_, ".", key));
  }

  std::vector<std::string>* pruned_;
  std::string path_;
};

void PruneNulls(Value& value, const Value* schema) {
  if (value.IsObject()) {
    for (auto it = value.MemberBegin(); it != value.MemberEnd();) {
      const Value* field = schema == nullptr ? nullptr : FieldSchema(*schema, ToView(it->name));
      if (it->value.IsNull() && field != nullptr && !Nullable(*field) &&
          DefaultValue(*field) == nullptr) {
        it = value.EraseMember(it);
        continue;
      }
      PruneNulls(it->value, field);
      ++it;
    }
  } else if (value.IsArray()) {
    const Value* items = schema == nullptr ? nullptr : ItemsSchema(*schema);
    for (auto& item : value.GetArray()) PruneNulls(item, items);
  }
}

void PruneSorted(const Value& schema, Value& value, bool embedded,
                 std::vector<std::string>* pruned) {
  size_t first = pruned == nullptr ? 0 : pruned->size();
  Pruner(pruned).Prune(value, &schema, embedded);
  if (pruned != nullptr) std::sort(pruned->begin() + first, pruned->end());
}

}  // namespace

void Prune(const rapidjson::Value& schema, rapidjson::Value& object,
           std::vector<std::string>* pruned) {
  PruneSorted(schema, object, /*embedded=*/true, pruned);
}

void PruneValue(const rapidjson::Value& schema, rapidjson::Value& value,
                std::vector<std::string>* pruned) {
  PruneSorted(schema, value, EmbeddedResource(schema), pruned);
}

void PruneNonNullableNulls(const rapidjson::Value& schema, rapidjson::Value& object) {
  PruneNulls(object, &schema);
}

}  // namespace kube::apiserver::crd_schema
