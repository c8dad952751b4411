// Lists in a strategic merge patch: merging by key or as sets, the $patch element
// directives, and the order upstream gives the result ($setElementOrder first, then
// the patch's order, then the live order).

#include <algorithm>
#include <utility>
#include <vector>

#include "common/patch/strategic_merge.h"
#include "common/util/strings.h"

namespace kube::patch::internal {
namespace {

// One element of a merged list and the ranks upstream orders it by.
struct Ranked {
  rapidjson::Value* value;
  int patch_index;   // position in the patch (or $setElementOrder) list, -1 if absent
  int server_index;  // position in the live list, -1 if new
};

// upstream's normalizeElementOrder and mergeSortedSlice: elements named by the patch in
// the patch's order, the others in live order, interleaved where the live order puts a
// live-only element before a named one.
void Reorder(rapidjson::Value& list, std::vector<Ranked> ranked, Allocator& allocator) {
  std::vector<Ranked> named, others;
  for (const Ranked& item : ranked) (item.patch_index >= 0 ? named : others).push_back(item);
  std::stable_sort(named.begin(), named.end(),
                   [](const Ranked& a, const Ranked& b) { return a.patch_index < b.patch_index; });
  std::stable_sort(others.begin(), others.end(), [](const Ranked& a, const Ranked& b) {
    return static_cast<unsigned>(a.server_index) < static_cast<unsigned>(b.server_index);
  });
  rapidjson::Value out(rapidjson::kArrayType);
  out.Reserve(list.Size(), allocator);
  size_t i = 0, j = 0;
  while (i < others.size() || j < named.size()) {
    bool take_other;
    if (i >= others.size()) {
      take_other = false;
    } else if (j >= named.size()) {
      take_other = true;
    } else {
      take_other = others[i].server_index >= 0 && named[j].server_index >= 0 &&
                   others[i].server_index < named[j].server_index;
    }
    rapidjson::Value* next = take_other ? others[i++].value : named[j++].value;
    out.PushBack(std::move(*next), allocator);
  }
  list = std::move(out);
}

const rapidjson::Value* KeyOf(const rapidjson::Value& item, std::string_view merge_key) {
  return item.IsObject() ? FindMember(item, merge_key) : nullptr;
}

// Go compares merge key values with ==: two missing keys (nil) are equal.
bool SameKey(const rapidjson::Value* a, const rapidjson::Value* b) {
  if (a == nullptr || b == nullptr) return a == b;
  return JsonEqual(*a, *b);
}

// The first position of `item` in `list`: by merge key, or by value without one.
int IndexIn(const rapidjson::Value& list, const rapidjson::Value& item,
            std::string_view merge_key) {
  const rapidjson::Value* key = merge_key.empty() ? nullptr : KeyOf(item, merge_key);
  for (rapidjson::SizeType i = 0; i < list.Size(); ++i) {
    const bool same = merge_key.empty() ? JsonEqual(list[i], item)
                                        : SameKey(KeyOf(list[i], merge_key), key);
    if (same) return static_cast<int>(i);
  }
  return -1;
}

bool IsDeleteDirective(const rapidjson::Value& item) {
  const rapidjson::Value* directive = item.IsObject() ? FindMember(item, kDirective) : nullptr;
  return directive != nullptr && directive->IsString() && View(*directive) == "delete";
}

absl::Status CheckElementTypes(const rapidjson::Value& original, const rapidjson::Value& patch) {
  const rapidjson::Value* first = nullptr;
  for (const rapidjson::Value* list : {&original, &patch}) {
    for (const auto& item : list->GetArray()) {
      if (first == nullptr) {
        first = &item;
        if (item.IsArray()) return absl::InvalidArgumentError("lists of lists are not supported");
      } else if (std::string_view(GoKind(item)) != GoKind(*first)) {
        return absl::InvalidArgumentError(StrCat("list element types are not identical: [",
                                                 GoFormat(original), " ", GoFormat(patch), "]"));
      }
    }
  }
  return absl::OkStatus();
}

// upstream's validatePatchWithSetOrderList: the patch list's elements appear in the
// $setElementOrder list, in the same relative order.
absl::Status ValidateOrder(const rapidjson::Value& patch_list, const rapidjson::Value& order,
                           std::string_view merge_key) {
  if (order.Empty() || patch_list.Empty()) return absl::OkStatus();
  std::vector<const rapidjson::Value*> kept;
  for (const auto& item : patch_list.GetArray()) {
    if (!merge_key.empty()) {
      if (!item.IsObject()) return BadArgTypeError("map", item);
      if (IsDeleteDirective(item)) continue;
    }
    kept.push_back(&item);
  }
  size_t p = 0, s = 0;
  while (p < kept.size() && s < order.Size()) {
    const rapidjson::Value& item = *kept[p];
    if (item.IsObject() && FindMember(item, kDirective) != nullptr) {
      ++p;
      continue;
    }
    bool equal;
    if (merge_key.empty()) {
      equal = JsonEqual(item, order[s]);
    } else {
      if (!order[s].IsObject()) return BadArgTypeError("map", order[s]);
      const rapidjson::Value* left = FindMember(item, merge_key);
      if (left == nullptr) return NoMergeKeyError(item, merge_key);
      const rapidjson::Value* right = FindMember(order[s], merge_key);
      if (right == nullptr) return NoMergeKeyError(order[s], merge_key);
      equal = JsonEqual(*left, *right);
    }
    if (equal) ++p;
    ++s;
  }
  if (p < kept.size() && s >= order.Size()) {
    return absl::InvalidArgumentError(StrCat("The order in patch list:\n", GoFormat(patch_list),
                                             "\n doesn't match ", kSetElementOrder, " list:\n",
                                             GoFormat(order), "\n"));
  }
  return absl::OkStatus();
}

// Every element of `list` must be an object carrying the merge key.
absl::Status CheckKeyed(const rapidjson::Value& list, std::string_view merge_key) {
  for (const auto& item : list.GetArray()) {
    if (!item.IsObject()) return BadArgTypeError("map", item);
    if (FindMember(item, merge_key) == nullptr) return NoMergeKeyError(item, merge_key);
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status StrategicMerger::MergeList(rapidjson::Value& original, const rapidjson::Value& patch,
                                        const FieldType& field, bool delete_list, int depth) {
  if (depth > kMaxDepth) {
    return absl::InvalidArgumentError(StrCat("patch nests deeper than ", kMaxDepth, " levels"));
  }
  if (original.Empty() && patch.Empty()) return absl::OkStatus();
  if (absl::Status status = CheckElementTypes(original, patch); !status.ok()) return status;
  const rapidjson::Value& sample = original.Empty() ? patch[0] : original[0];

  if (!sample.IsObject()) {
    if (delete_list) {
      for (rapidjson::SizeType i = original.Size(); i-- > 0;) {
        if (IndexIn(patch, original[i], "") >= 0) original.Erase(original.Begin() + i);
      }
      return absl::OkStatus();
    }
    // A set: the union, without duplicates.
    const rapidjson::Value before = Copy(original, allocator_);
    rapidjson::Value merged(rapidjson::kArrayType);
    for (const rapidjson::Value* list : {&before, &patch}) {
      for (const auto& item : list->GetArray()) {
        if (IndexIn(merged, item, "") < 0) merged.PushBack(Copy(item, allocator_), allocator_);
      }
    }
    std::vector<Ranked> ranked;
    for (auto& item : merged.GetArray()) {
      ranked.push_back({&item, IndexIn(patch, item, ""), IndexIn(before, item, "")});
    }
    Reorder(merged, std::move(ranked), allocator_);
    original = std::move(merged);
    return absl::OkStatus();
  }

  const std::string_view merge_key = field.merge_key;
  if (merge_key.empty()) {
    return absl::InvalidArgumentError(StrCat("cannot merge lists without merge key for type ",
                                             field.value.IsMap() ? "map" : "struct"));
  }
  // Element directives first: deletions apply to the live list; "replace" makes the
  // patch's other elements the whole list.
  bool replace = false;
  std::vector<const rapidjson::Value*> plain;
  for (const auto& item : patch.GetArray()) {
    const rapidjson::Value* directive = FindMember(item, kDirective);
    if (directive == nullptr) {
      plain.push_back(&item);
      continue;
    }
    const std::string_view name = directive->IsString() ? View(*directive) : "";
    if (name == "delete") {
      const rapidjson::Value* key = FindMember(item, merge_key);
      if (key == nullptr) return NoMergeKeyError(item, merge_key);
      for (rapidjson::SizeType i = original.Size(); i-- > 0;) {
        if (SameKey(KeyOf(original[i], merge_key), key)) original.Erase(original.Begin() + i);
      }
    } else if (name == "replace") {
      replace = true;
    } else if (name == "merge") {
      return absl::InvalidArgumentError("merging lists cannot yet be specified in the patch");
    } else {
      return BadPatchTypeError(*directive, item);
    }
  }
  if (replace) {
    rapidjson::Value out(rapidjson::kArrayType);
    for (const rapidjson::Value* item : plain) {
      rapidjson::Value copy(rapidjson::kObjectType);
      if (absl::Status status = MergeMap(copy, *item, field.value, depth + 1); !status.ok()) {
        return status;
      }
      out.PushBack(copy, allocator_);
    }
    original = std::move(out);
    return absl::OkStatus();
  }

  const rapidjson::SizeType live_size = original.Size();
  for (const rapidjson::Value* item : plain) {
    const rapidjson::Value* key = FindMember(*item, merge_key);
    if (key == nullptr) return NoMergeKeyError(*item, merge_key);
    rapidjson::Value* match = nullptr;
    for (auto& candidate : original.GetArray()) {
      const rapidjson::Value* candidate_key = KeyOf(candidate, merge_key);
      if (candidate_key != nullptr && JsonEqual(*candidate_key, *key)) {
        match = &candidate;
        break;
      }
    }
    if (match != nullptr) {
      if (absl::Status status = MergeMap(*match, *item, field.value, depth + 1); !status.ok()) {
        return status;
      }
    } else {
      rapidjson::Value fresh(rapidjson::kObjectType);
      if (absl::Status status = MergeMap(fresh, *item, field.value, depth + 1); !status.ok()) {
        return status;
      }
      original.PushBack(fresh, allocator_);
    }
  }
  std::vector<Ranked> ranked;
  for (rapidjson::SizeType i = 0; i < original.Size(); ++i) {
    const rapidjson::Value* key = KeyOf(original[i], merge_key);
    int patch_index = -1;
    for (size_t j = 0; key != nullptr && j < plain.size(); ++j) {
      if (SameKey(FindMember(*plain[j], merge_key), key)) {
        patch_index = static_cast<int>(j);
        break;
      }
    }
    ranked.push_back({&original[i], patch_index, i < live_size ? static_cast<int>(i) : -1});
  }
  Reorder(original, std::move(ranked), allocator_);
  return absl::OkStatus();
}

absl::Status StrategicMerger::ApplySetElementOrders(rapidjson::Value& original,
                                                    const rapidjson::Value& patch,
                                                    const ValueType& type,
                                                    std::vector<std::string>& handled, int depth) {
  static const rapidjson::Value kEmptyList(rapidjson::kArrayType);
  for (const auto& member : patch.GetObject()) {
    if (!View(member.name).starts_with(kSetElementOrder)) continue;
    const rapidjson::Value& order = member.value;
    if (!order.IsArray()) return BadArgTypeError("slice", order);
    absl::StatusOr<std::string_view> list_key = ExtractListKey(View(member.name), kSetElementOrder);
    if (!list_key.ok()) return list_key.status();
    rapidjson::Value* live = FindMember(original, *list_key);
    const rapidjson::Value* patch_list = FindMember(patch, *list_key);
    if (live != nullptr && !live->IsArray()) return BadArgTypeError("slice", *live);
    if (patch_list != nullptr && !patch_list->IsArray()) return BadArgTypeError("slice", *patch_list);
    const FieldType field = LookupField(type, *list_key);
    if (!field.known) return UnknownFieldError(type, *list_key);
    const std::string_view merge_key = field.merge_key;
    if (absl::Status status =
            ValidateOrder(patch_list != nullptr ? *patch_list : kEmptyList, order, merge_key);
        !status.ok()) {
      return status;
    }
    if (live == nullptr && patch_list == nullptr) continue;

    const rapidjson::Value before =
        live != nullptr ? Copy(*live, allocator_) : rapidjson::Value(rapidjson::kArrayType);
    if (live == nullptr || (patch_list != nullptr && !field.merge)) {
      absl::StatusOr<rapidjson::Value> fresh = Fresh(*patch_list, field, depth + 1);
      if (!fresh.ok()) return fresh.status();
      SetMember(original, *list_key, std::move(*fresh), allocator_);
      live = FindMember(original, *list_key);
    } else if (patch_list != nullptr) {
      if (absl::Status status = MergeList(*live, *patch_list, field, false, depth + 1);
          !status.ok()) {
        return status;
      }
    }
    handled.emplace_back(*list_key);
    if (live->Empty()) continue;
    if (!merge_key.empty()) {
      for (const rapidjson::Value* list : {&order, static_cast<const rapidjson::Value*>(live),
                                           &before}) {
        if (absl::Status status = CheckKeyed(*list, merge_key); !status.ok()) return status;
      }
    }
    std::vector<Ranked> ranked;
    for (auto& item : live->GetArray()) {
      ranked.push_back({&item, IndexIn(order, item, merge_key), IndexIn(before, item, merge_key)});
    }
    Reorder(*live, std::move(ranked), allocator_);
  }
  return absl::OkStatus();
}

}  // namespace kube::patch::internal
