// RFC 6902 JSON Patch, with evanphx/json-patch's error texts (what the apiserver
// returns to kubectl).

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/codec/json_text.h"
#include "common/patch/json_pointer.h"
#include "common/patch/json_util.h"
#include "common/patch/patch.h"
#include "common/util/strings.h"

namespace kube::patch {
namespace {

using internal::Allocator;
using internal::FindMember;
using internal::View;
using Tokens = std::vector<std::string>;

// The apiserver's bound on operations per patch.
constexpr size_t kMaxOperations = 10000;
// copy can double a document per operation; bound the nodes it may add in total.
constexpr size_t kMaxCopiedNodes = 1 << 20;

absl::Status Fail(std::string message) { return absl::InvalidArgumentError(std::move(message)); }

size_t CountNodes(const rapidjson::Value& value) {
  size_t count = 1;
  if (value.IsObject()) {
    for (const auto& member : value.GetObject()) count += CountNodes(member.value);
  } else if (value.IsArray()) {
    for (const auto& element : value.GetArray()) count += CountNodes(element);
  }
  return count;
}

bool IsPrefix(const Tokens& prefix, const Tokens& path) {
  if (prefix.size() >= path.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (prefix[i] != path[i]) return false;
  }
  return true;
}

class Patcher {
 public:
  explicit Patcher(rapidjson::Document& doc) : doc_(doc), allocator_(doc.GetAllocator()) {}

  absl::Status Apply(const rapidjson::Value& operation) {
    if (!operation.IsObject()) {
      return Fail(StrCat("json: cannot unmarshal ", codec::JsonTypeName(operation),
                         " into Go value of type jsonpatch.Operation"));
    }
    const rapidjson::Value* kind = FindMember(operation, "op");
    const std::string op = kind != nullptr && kind->IsString() ? std::string(View(*kind)) : "unknown";
    if (op != "add" && op != "remove" && op != "replace" && op != "move" && op != "copy" &&
        op != "test") {
      return Fail(StrCat("Unexpected kind: ", op));
    }
    absl::StatusOr<Tokens> path = Pointer(operation, "path", op);
    if (!path.ok()) return path.status();
    path_text_ = View(*FindMember(operation, "path"));
    const rapidjson::Value* value = FindMember(operation, "value");
    if (value == nullptr && (op == "add" || op == "replace" || op == "test")) {
      return Fail(StrCat(op, " operation failed to decode value: missing value"));
    }
    if (op == "add") return Add(*path, internal::Copy(*value, allocator_), op);
    if (op == "remove") return Remove(*path, op).status();
    if (op == "replace") return Replace(*path, *value);
    if (op == "test") return Test(*path, *value);
    absl::StatusOr<Tokens> from = Pointer(operation, "from", op);
    if (!from.ok()) return from.status();
    from_text_ = View(*FindMember(operation, "from"));
    return op == "move" ? Move(*from, *path) : CopyOp(*from, *path);
  }

 private:
  absl::StatusOr<Tokens> Pointer(const rapidjson::Value& operation, const char* name,
                                 const std::string& op) {
    const rapidjson::Value* text = FindMember(operation, name);
    if (text == nullptr || !text->IsString()) {
      return Fail(StrCat(op, " operation failed to decode ", name, ": missing value"));
    }
    absl::StatusOr<Tokens> tokens = internal::ParsePointer(View(*text));
    if (!tokens.ok()) {
      return Fail(StrCat(op, " operation failed to decode ", name, ": ", tokens.status().message()));
    }
    return tokens;
  }

  // The container that holds the last token of `path`, or nullptr.
  rapidjson::Value* Parent(const Tokens& path) {
    rapidjson::Value* parent = internal::Resolve(doc_, path, path.size() - 1);
    if (parent == nullptr || !(parent->IsObject() || parent->IsArray())) return nullptr;
    return parent;
  }

  absl::Status CheckDepth(const Tokens& path, const rapidjson::Value& value) {
    const int room = internal::kMaxDepth - static_cast<int>(path.size());
    if (room < 0 || !codec::WithinDepth(value, room)) {
      return Fail(StrCat("the patched document would nest deeper than ", internal::kMaxDepth,
                         " levels"));
    }
    return absl::OkStatus();
  }

  // `missing`: the text for a path whose parent does not exist.
  absl::Status Add(const Tokens& path, rapidjson::Value value, const std::string& op,
                   std::string missing = "") {
    if (absl::Status status = CheckDepth(path, value); !status.ok()) return status;
    if (path.empty()) {
      static_cast<rapidjson::Value&>(doc_) = std::move(value);
      return absl::OkStatus();
    }
    rapidjson::Value* parent = Parent(path);
    if (parent == nullptr) {
      if (missing.empty()) {
        missing = StrCat("add operation does not apply: doc is missing path: \"", path_text_, "\"");
      }
      return Fail(StrCat(missing, ": missing value"));
    }
    const std::string& key = path.back();
    if (parent->IsObject()) {
      internal::SetMember(*parent, key, std::move(value), allocator_);
      return absl::OkStatus();
    }
    if (key == "-") {
      parent->PushBack(value, allocator_);
      return absl::OkStatus();
    }
    std::optional<size_t> index = internal::ParseIndex(key);
    if (!index) {
      return Fail(StrCat("error in ", op, " for path: '", path_text_,
                         "': value was not a proper array index: '", key, "'"));
    }
    if (*index > parent->Size()) {
      return Fail(StrCat("error in ", op, " for path: '", path_text_,
                         "': Unable to access invalid index: ", *index,
                         ": invalid index referenced"));
    }
    parent->PushBack(rapidjson::Value(), allocator_);
    for (size_t i = parent->Size() - 1; i > *index; --i) {
      (*parent)[static_cast<rapidjson::SizeType>(i)] =
          std::move((*parent)[static_cast<rapidjson::SizeType>(i - 1)]);
    }
    (*parent)[static_cast<rapidjson::SizeType>(*index)] = std::move(value);
    return absl::OkStatus();
  }

  absl::StatusOr<rapidjson::Value> Remove(const Tokens& path, const std::string& op) {
    const std::string& shown = op == "move" ? from_text_ : path_text_;
    rapidjson::Value* parent = path.empty() ? nullptr : Parent(path);
    if (parent == nullptr) {
      return Fail(StrCat(op, " operation does not apply: doc is missing path: \"", shown,
                         "\": missing value"));
    }
    const std::string& key = path.back();
    if (parent->IsObject()) {
      rapidjson::Value* member = FindMember(*parent, key);
      if (member == nullptr) {
        return Fail(StrCat("error in ", op, " for path: '", shown,
                           "': Unable to remove nonexistent key: ", key, ": missing value"));
      }
      rapidjson::Value out = std::move(*member);
      internal::RemoveMember(*parent, key);
      return out;
    }
    std::optional<size_t> index = internal::ParseIndex(key);
    if (!index || *index >= parent->Size()) {
      return Fail(StrCat("error in ", op, " for path: '", shown,
                         "': Unable to access invalid index: ", key, ": invalid index referenced"));
    }
    rapidjson::Value out = std::move((*parent)[static_cast<rapidjson::SizeType>(*index)]);
    parent->Erase(parent->Begin() + *index);
    return out;
  }

  absl::Status Replace(const Tokens& path, const rapidjson::Value& value) {
    rapidjson::Value copy = internal::Copy(value, allocator_);
    if (absl::Status status = CheckDepth(path, copy); !status.ok()) return status;
    if (path.empty()) {
      static_cast<rapidjson::Value&>(doc_) = std::move(copy);
      return absl::OkStatus();
    }
    if (Parent(path) == nullptr) {
      return Fail(StrCat("replace operation does not apply: doc is missing path: ", path_text_,
                         ": missing value"));
    }
    rapidjson::Value* target = internal::Resolve(doc_, path, path.size());
    if (target == nullptr) {
      return Fail(StrCat("replace operation does not apply: doc is missing key: ", path_text_,
                         ": missing value"));
    }
    *target = std::move(copy);
    return absl::OkStatus();
  }

  absl::Status Test(const Tokens& path, const rapidjson::Value& value) {
    if (!path.empty() && Parent(path) == nullptr) {
      return Fail(StrCat("test operation does not apply: is missing path: ", path_text_,
                         ": missing value"));
    }
    const rapidjson::Value* target = internal::Resolve(doc_, path, path.size());
    if (target == nullptr ? value.IsNull() : internal::JsonEqual(*target, value)) {
      return absl::OkStatus();
    }
    return Fail(StrCat("testing value ", path_text_, " failed: test failed"));
  }

  absl::Status Move(const Tokens& from, const Tokens& path) {
    if (internal::Resolve(doc_, from, from.size()) == nullptr) {
      return Fail(StrCat("move operation does not apply: doc is missing from path: ", from_text_,
                         ": missing value"));
    }
    if (from == path) return absl::OkStatus();
    if (IsPrefix(from, path)) {
      return Fail(StrCat("move operation does not apply: cannot move ", GoQuote(from_text_),
                         " into its own child ", GoQuote(path_text_)));
    }
    absl::StatusOr<rapidjson::Value> value = Remove(from, "move");
    if (!value.ok()) return value.status();
    return Add(path, std::move(*value), "move",
               StrCat("move operation does not apply: doc is missing destination path: ",
                      path_text_));
  }

  absl::Status CopyOp(const Tokens& from, const Tokens& path) {
    const rapidjson::Value* source = internal::Resolve(doc_, from, from.size());
    if (source == nullptr) {
      return Fail(StrCat("copy operation does not apply: doc is missing from path: ", from_text_,
                         ": missing value"));
    }
    copied_nodes_ += CountNodes(*source);
    if (copied_nodes_ > kMaxCopiedNodes) {
      return Fail(StrCat("Unable to complete the copy, the accumulated size increase of copy is ",
                         copied_nodes_, " nodes, exceeding the limit ", kMaxCopiedNodes));
    }
    return Add(path, internal::Copy(*source, allocator_), "copy",
               StrCat("copy operation does not apply: doc is missing destination path: ",
                      path_text_));
  }

  static std::string GoQuote(std::string_view text) { return internal::GoQuote(text); }

  rapidjson::Document& doc_;
  Allocator& allocator_;
  std::string path_text_;
  std::string from_text_;
  size_t copied_nodes_ = 0;
};

}  // namespace

absl::Status ApplyJsonPatch(rapidjson::Document& document, const rapidjson::Value& patch) {
  if (patch.IsNull()) return absl::OkStatus();  // Go decodes null as an empty patch
  if (!patch.IsArray()) {
    return Fail(StrCat("json: cannot unmarshal ", codec::JsonTypeName(patch),
                       " into Go value of type jsonpatch.Patch"));
  }
  if (patch.Size() > kMaxOperations) {
    return Fail(StrCat("The allowed maximum operations in a JSON patch is ", kMaxOperations,
                       ", got ", patch.Size()));
  }
  if (!codec::WithinDepth(patch, internal::kMaxDepth) ||
      !codec::WithinDepth(document, internal::kMaxDepth)) {
    return Fail(StrCat("patch nests deeper than ", internal::kMaxDepth, " levels"));
  }
  rapidjson::Document work;
  work.CopyFrom(document, work.GetAllocator());
  Patcher patcher(work);
  for (const auto& operation : patch.GetArray()) {
    if (absl::Status status = patcher.Apply(operation); !status.ok()) return status;
  }
  document.Swap(work);
  return absl::OkStatus();
}

}  // namespace kube::patch
