#include "common/patch/apply_merge.h"

#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "common/patch/typed_walk.h"
#include "common/util/strings.h"

namespace kube::patch::internal {
namespace {

using Items = std::vector<std::pair<std::string, const rapidjson::Value*>>;

// A copy without null members (a null in a configuration means "unset").
rapidjson::Value CopyWithoutNulls(const rapidjson::Value& value, Allocator& allocator) {
  if (value.IsObject()) {
    rapidjson::Value out(rapidjson::kObjectType);
    for (const auto& member : value.GetObject()) {
      if (member.value.IsNull()) continue;
      out.AddMember(MakeString(View(member.name), allocator),
                    CopyWithoutNulls(member.value, allocator), allocator);
    }
    return out;
  }
  if (value.IsArray()) {
    rapidjson::Value out(rapidjson::kArrayType);
    for (const auto& item : value.GetArray()) out.PushBack(CopyWithoutNulls(item, allocator), allocator);
    return out;
  }
  return Copy(value, allocator);
}

// The items of a keyed list, or false if one has no key.
bool Index(const rapidjson::Value& list, const FieldType& field, Items& out,
           absl::flat_hash_map<std::string, const rapidjson::Value*>& by_element) {
  for (const auto& item : list.GetArray()) {
    absl::StatusOr<std::string> element = ItemElement(item, field);
    if (!element.ok()) return false;
    if (by_element.emplace(*element, &item).second) out.emplace_back(std::move(*element), &item);
  }
  return true;
}

class Merger {
 public:
  explicit Merger(Allocator& allocator) : allocator_(allocator) {}

  rapidjson::Value Value(const rapidjson::Value* l, const rapidjson::Value& r, const ValueType& type) {
    if (l == nullptr || !type.IsObject() || !l->IsObject() || !r.IsObject()) {
      return CopyWithoutNulls(r, allocator_);
    }
    rapidjson::Value out(rapidjson::kObjectType);
    for (const auto& member : l->GetObject()) {
      const std::string_view key = View(member.name);
      const rapidjson::Value* rv = FindMember(r, key);
      if (rv == nullptr) {
        out.AddMember(MakeString(key, allocator_), Copy(member.value, allocator_), allocator_);
      } else if (!rv->IsNull()) {
        out.AddMember(MakeString(key, allocator_), Field(&member.value, *rv, LookupField(type, key)),
                      allocator_);
      }
    }
    for (const auto& member : r.GetObject()) {
      const std::string_view key = View(member.name);
      if (member.value.IsNull() || FindMember(*l, key) != nullptr) continue;
      out.AddMember(MakeString(key, allocator_), CopyWithoutNulls(member.value, allocator_),
                    allocator_);
    }
    return out;
  }

 private:
  rapidjson::Value Field(const rapidjson::Value* l, const rapidjson::Value& r, const FieldType& field) {
    if (!field.list) return Value(l, r, field.value);
    if (KindOf(field) == ListKind::kAtomic || !l->IsArray() || !r.IsArray()) {
      return CopyWithoutNulls(r, allocator_);
    }
    Items left, right;
    absl::flat_hash_map<std::string, const rapidjson::Value*> in_left, in_right;
    if (!Index(*l, field, left, in_left) || !Index(r, field, right, in_right)) {
      return CopyWithoutNulls(r, allocator_);
    }
    rapidjson::Value out(rapidjson::kArrayType);
    auto emit = [&](const std::string& element) {
      auto lit = in_left.find(element);
      auto rit = in_right.find(element);
      const rapidjson::Value* lv = lit == in_left.end() ? nullptr : lit->second;
      if (rit == in_right.end()) {
        out.PushBack(Copy(*lv, allocator_), allocator_);
      } else {
        out.PushBack(Value(lv, *rit->second, field.value), allocator_);
      }
    };
    // structured-merge-diff's order: live items stay in place, items both sides have
    // follow the configuration's order, new items come where the configuration has them.
    std::vector<const std::string*> shared;
    for (const auto& [element, value] : right) {
      if (in_left.contains(element)) shared.push_back(&element);
    }
    size_t next_shared = 0;
    auto advance_shared = [&](const std::string& element) {
      if (next_shared < shared.size() && *shared[next_shared] == element) ++next_shared;
    };
    size_t li = 0, ri = 0;
    while (li < left.size() || ri < right.size()) {
      if (li < left.size() && ri < right.size()) {
        const std::string& element = left[li].first;
        if (element == right[ri].first) {
          emit(element);
          ++li;
          ++ri;
          advance_shared(element);
          continue;
        }
        if (in_right.contains(element) && next_shared < shared.size() &&
            *shared[next_shared] != element) {
          ++li;  // a shared item, emitted when the configuration reaches it
          continue;
        }
      }
      if (li < left.size() && !in_right.contains(left[li].first)) {
        emit(left[li++].first);
        continue;
      }
      if (ri < right.size()) {
        advance_shared(right[ri].first);
        emit(right[ri++].first);
        continue;
      }
      ++li;  // a shared item already emitted
    }
    return out;
  }

  Allocator& allocator_;
};

void RemoveFromField(rapidjson::Value& value, const FieldSet& set, const FieldType& field) {
  if (!field.list) return RemoveItems(value, set, field.value);
  if (KindOf(field) == ListKind::kAtomic || !value.IsArray()) return;
  for (rapidjson::SizeType i = value.Size(); i-- > 0;) {
    absl::StatusOr<std::string> element = ItemElement(value[i], field);
    if (!element.ok()) continue;
    const FieldSet* below = set.Find(*element);
    if (below == nullptr) continue;
    if (below->member()) {
      value.Erase(value.Begin() + i);
    } else {
      RemoveItems(value[i], *below, field.value);
    }
  }
}

}  // namespace

rapidjson::Value MergeForApply(const rapidjson::Value* live, const rapidjson::Value& config,
                               const ValueType& type, Allocator& allocator) {
  return Merger(allocator).Value(live, config, type);
}

void RemoveItems(rapidjson::Value& value, const FieldSet& set, const ValueType& type) {
  if (!value.IsObject() || !type.IsObject()) return;
  for (auto it = value.MemberBegin(); it != value.MemberEnd();) {
    const std::string_view key = View(it->name);
    const FieldSet* below = set.Find(StrCat("f:", key));
    if (below != nullptr && below->member()) {
      it = value.EraseMember(it);
      continue;
    }
    if (below != nullptr) RemoveFromField(it->value, *below, LookupField(type, key));
    ++it;
  }
}

}  // namespace kube::patch::internal
