#include "common/patch/typed_walk.h"

#include <utility>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "common/codec/json_text.h"
#include "common/util/strings.h"

namespace kube::patch::internal {
namespace {

const rapidjson::Value kNull;
const rapidjson::Value kEmptyObject(rapidjson::kObjectType);

std::string FieldElement(std::string_view key) { return StrCat("f:", key); }

// How a Go object would show an absent member of a present parent: non-pointer
// structs as {}, fields without omitempty as null; otherwise absent.
const rapidjson::Value* Emulated(const rapidjson::Value* parent, const rapidjson::Value* member,
                                 const FieldType& field) {
  if (member != nullptr || parent == nullptr || !field.always_present) return member;
  return !field.list && field.value.IsMessage() ? &kEmptyObject : &kNull;
}

bool EmptyObjectOrAbsent(const rapidjson::Value* v) {
  return v == nullptr || v->IsNull() || (v->IsObject() && v->ObjectEmpty());
}
bool EmptyListOrAbsent(const rapidjson::Value* v) {
  return v == nullptr || v->IsNull() || (v->IsArray() && v->Empty());
}
bool ObjectLike(const rapidjson::Value* v) { return v == nullptr || v->IsNull() || v->IsObject(); }
bool ListLike(const rapidjson::Value* v) { return v == nullptr || v->IsNull() || v->IsArray(); }

// The items of a granular list by path element, first occurrence wins; false if an
// item has no element (the list is then compared as a whole).
bool IndexItems(const rapidjson::Value* list, const FieldType& field,
                std::vector<std::pair<std::string, const rapidjson::Value*>>& out) {
  if (list == nullptr || !list->IsArray()) return true;
  absl::flat_hash_set<std::string> seen;
  for (const auto& item : list->GetArray()) {
    absl::StatusOr<std::string> element = ItemElement(item, field);
    if (!element.ok()) return false;
    if (seen.insert(*element).second) out.emplace_back(std::move(*element), &item);
  }
  return true;
}

class ConfigWalker {
 public:
  absl::Status Walk(const rapidjson::Value& value, const ValueType& type, FieldSet& node) {
    if (!type.IsObject() || !value.IsObject() || value.ObjectEmpty()) {
      node.set_member(true);
      return absl::OkStatus();
    }
    for (const auto& member : value.GetObject()) {
      const std::string_view key = View(member.name);
      const FieldType field = LookupField(type, key);
      const size_t mark = path_.size();
      StrAppend(&path_, ".", key);
      if (!field.known) return Error("field not declared in schema");
      FieldSet& child = node.Child(FieldElement(key));
      absl::Status status = WalkField(member.value, field, child);
      if (!status.ok()) return status;
      if (type.IsMap() || member.value.IsNull()) child.set_member(true);
      path_.resize(mark);
    }
    return absl::OkStatus();
  }

 private:
  absl::Status WalkField(const rapidjson::Value& value, const FieldType& field, FieldSet& node) {
    if (!field.list) return Walk(value, field.value, node);
    if (KindOf(field) == ListKind::kAtomic || !value.IsArray()) {
      node.set_member(true);
      return absl::OkStatus();
    }
    absl::flat_hash_set<std::string> seen;
    for (rapidjson::SizeType i = 0; i < value.Size(); ++i) {
      absl::StatusOr<std::string> element = ItemElement(value[i], field);
      if (!element.ok()) return Error(StrCat("element ", i, ": ", element.status().message()));
      if (!seen.insert(*element).second) {
        return Error(StrCat("duplicate entries for key ", PathString({*element})));
      }
      FieldSet& child = node.Child(*element);
      const size_t mark = path_.size();
      StrAppend(&path_, PathString({*element}));
      absl::Status status = Walk(value[i], field.value, child);
      if (!status.ok()) return status;
      path_.resize(mark);
      child.set_member(true);
    }
    return absl::OkStatus();
  }

  absl::Status Error(std::string_view message) {
    return absl::InvalidArgumentError(StrCat(path_, ": ", message));
  }

  std::string path_;
};

class Comparer {
 public:
  Comparison result;

  // `l`/`r` may be null (absent). The path of the value is path_.
  void Value(const rapidjson::Value* l, const rapidjson::Value* r, const ValueType& type) {
    if (l == nullptr && r == nullptr) return;
    if (type.IsObject() && ObjectLike(l) && ObjectLike(r)) {
      if (EmptyObjectOrAbsent(l) && EmptyObjectOrAbsent(r)) return Leaf(l, r);
      auto visit = [&](std::string_view key) {
        if (path_.size() == 1 && path_[0] == "f:metadata" && key == "managedFields") return;
        const FieldType field = LookupField(type, key);
        const rapidjson::Value* lc = l != nullptr && l->IsObject() ? FindMember(*l, key) : nullptr;
        const rapidjson::Value* rc = r != nullptr && r->IsObject() ? FindMember(*r, key) : nullptr;
        path_.push_back(FieldElement(key));
        Field(Emulated(l, lc, field), Emulated(r, rc, field), field);
        path_.pop_back();
      };
      if (l != nullptr && l->IsObject()) {
        for (const auto& member : l->GetObject()) visit(View(member.name));
      }
      if (r != nullptr && r->IsObject()) {
        for (const auto& member : r->GetObject()) {
          if (l == nullptr || !l->IsObject() || FindMember(*l, View(member.name)) == nullptr) {
            visit(View(member.name));
          }
        }
      }
      return Container(l, r);
    }
    Leaf(l, r);
  }

 private:
  void Field(const rapidjson::Value* l, const rapidjson::Value* r, const FieldType& field) {
    if (!field.list) return Value(l, r, field.value);
    if (KindOf(field) == ListKind::kAtomic || !ListLike(l) || !ListLike(r) ||
        (EmptyListOrAbsent(l) && EmptyListOrAbsent(r))) {
      return Leaf(l, r);
    }
    std::vector<std::pair<std::string, const rapidjson::Value*>> left, right;
    if (!IndexItems(l, field, left) || !IndexItems(r, field, right)) return Leaf(l, r);
    auto find = [](const auto& items, const std::string& element) -> const rapidjson::Value* {
      for (const auto& [e, v] : items) {
        if (e == element) return v;
      }
      return nullptr;
    };
    for (const auto& [element, value] : left) {
      path_.push_back(element);
      Value(value, find(right, element), field.value);
      path_.pop_back();
    }
    for (const auto& [element, value] : right) {
      if (find(left, element) != nullptr) continue;
      path_.push_back(element);
      Value(nullptr, value, field.value);
      path_.pop_back();
    }
    Container(l, r);
  }

  void Leaf(const rapidjson::Value* l, const rapidjson::Value* r) {
    if (l == nullptr && r != nullptr) {
      result.added.Insert(path_);
    } else if (l != nullptr && r == nullptr) {
      result.removed.Insert(path_);
    } else if (l != nullptr && r != nullptr && !JsonEqual(*l, *r)) {
      result.modified.Insert(path_);
    }
  }

  // A map, struct or list that appeared or went away is itself added or removed.
  void Container(const rapidjson::Value* l, const rapidjson::Value* r) {
    if (path_.empty()) return;
    if (l == nullptr) result.added.Insert(path_);
    if (r == nullptr) result.removed.Insert(path_);
  }

  FieldPath path_;
};

}  // namespace

absl::StatusOr<std::string> ItemElement(const rapidjson::Value& item, const FieldType& field) {
  switch (KindOf(field)) {
    case ListKind::kAssociative: {
      if (!item.IsObject()) return absl::InvalidArgumentError("expected an object");
      const rapidjson::Value* key = FindMember(item, field.merge_key);
      if (key == nullptr || key->IsNull()) {
        return absl::InvalidArgumentError(
            StrCat("associative list with keys has an element that omits key field ",
                   GoQuote(field.merge_key), " (and doesn't have default value)"));
      }
      if (!IsScalar(*key)) {
        return absl::InvalidArgumentError(
            StrCat("key field ", GoQuote(field.merge_key), " must be a scalar"));
      }
      rapidjson::Document object(rapidjson::kObjectType);
      object.AddMember(MakeString(field.merge_key, object.GetAllocator()),
                       Copy(*key, object.GetAllocator()), object.GetAllocator());
      return StrCat("k:", codec::WriteJson(object));
    }
    case ListKind::kSet:
      if (!IsScalar(item)) return absl::InvalidArgumentError("expected a scalar in a set");
      return StrCat("v:", codec::WriteJson(item));
    case ListKind::kAtomic:
      break;
  }
  return absl::InvalidArgumentError("an atomic list has no item paths");
}

absl::StatusOr<FieldSet> ConfigFieldSet(const rapidjson::Value& config, const ValueType& type) {
  FieldSet out;
  ConfigWalker walker;
  absl::Status status = walker.Walk(config, type, out);
  if (!status.ok()) return status;
  out.set_member(false);
  return out;
}

Comparison Compare(const rapidjson::Value& before, const rapidjson::Value& after,
                   const ValueType& type) {
  Comparer comparer;
  comparer.Value(&before, &after, type);
  return std::move(comparer.result);
}

void StripUntracked(FieldSet& set) {
  set.Remove({"f:apiVersion"});
  set.Remove({"f:kind"});
  for (const char* field : {"f:name", "f:namespace", "f:creationTimestamp", "f:selfLink", "f:uid",
                            "f:generation", "f:managedFields", "f:resourceVersion"}) {
    set.Remove({"f:metadata", field});
  }
  set.set_member(false);
}

}  // namespace kube::patch::internal
