// RFC 7386 JSON Merge Patch.

#include <utility>

#include "common/codec/json_text.h"
#include "common/patch/json_util.h"
#include "common/patch/patch.h"
#include "common/util/strings.h"

namespace kube::patch {
namespace {

using internal::Allocator;

// RFC 7386 MergePatch(target, patch), in place.
void MergeInto(rapidjson::Value& target, const rapidjson::Value& patch, Allocator& allocator) {
  if (!patch.IsObject()) {
    target = internal::Copy(patch, allocator);
    return;
  }
  if (!target.IsObject()) target.SetObject();
  for (const auto& member : patch.GetObject()) {
    const std::string_view key = internal::View(member.name);
    if (member.value.IsNull()) {
      internal::RemoveMember(target, key);
      continue;
    }
    rapidjson::Value* current = internal::FindMember(target, key);
    if (current == nullptr) {
      rapidjson::Value fresh;
      MergeInto(fresh, member.value, allocator);
      target.AddMember(internal::MakeString(key, allocator), fresh, allocator);
    } else {
      MergeInto(*current, member.value, allocator);
    }
  }
}

}  // namespace

absl::Status ApplyMergePatch(rapidjson::Document& document, const rapidjson::Value& patch) {
  // The result is no deeper than the deeper of the two, so checking both bounds the
  // recursion.
  if (!codec::WithinDepth(patch, internal::kMaxDepth) ||
      !codec::WithinDepth(document, internal::kMaxDepth)) {
    return absl::InvalidArgumentError(
        StrCat("patch nests deeper than ", internal::kMaxDepth, " levels"));
  }
  rapidjson::Document work;
  work.CopyFrom(document, work.GetAllocator());
  MergeInto(work, patch, work.GetAllocator());
  document.Swap(work);
  return absl::OkStatus();
}

}  // namespace kube::patch
