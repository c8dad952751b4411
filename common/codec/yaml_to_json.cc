#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <optional>
#include <sstream>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/codec/absl_view.h"
#include "common/codec/base64.h"
#include "common/codec/json_text.h"
#include "common/codec/yaml.h"
#include "common/codec/yaml_scalar.h"
#include "rapidjson/document.h"
#include "yaml-cpp/eventhandler.h"
#include "yaml-cpp/exceptions.h"
#include "yaml-cpp/mark.h"
#include "yaml-cpp/parser.h"

namespace kube::codec {
namespace {

// Guards against alias bombs ("billion laughs"): nodes counted after expansion.
constexpr size_t kMaxNodes = 1'000'000;

constexpr std::string_view kTagPrefix = "tag:yaml.org,2002:";

// Thrown by the event handler to stop yaml-cpp at once; caught in YamlToJson.
struct StopParsing {
  absl::Status status;
};

[[noreturn]] void Fail(const YAML::Mark& mark, std::string_view message) {
  throw StopParsing{absl::InvalidArgumentError(absl::StrCat(
      "invalid YAML at line ", mark.line + 1, ", column ", mark.column + 1, ": ", internal::AbslView(message)))};
}

// Go's strconv.FormatFloat(v, 'g', -1, 32), which sigs.k8s.io/yaml uses for float keys.
std::string FloatKeyText(double value) {
  if (std::isnan(value)) return ".nan";
  if (std::isinf(value)) return value > 0 ? ".inf" : "-.inf";
  char buffer[64];
  const float f = static_cast<float>(value);
  auto scientific = std::to_chars(buffer, buffer + sizeof buffer, f, std::chars_format::scientific);
  std::string text(buffer, scientific.ptr);
  int exponent = std::atoi(text.c_str() + text.find('e') + 1);
  if (exponent < -4 || exponent >= 6) return text;
  auto fixed = std::to_chars(buffer, buffer + sizeof buffer, f, std::chars_format::fixed);
  return std::string(buffer, fixed.ptr);
}

// A finished node, ready to go into its parent.
struct Node {
  rapidjson::Value value;
  std::optional<std::string> key;  // its text as a mapping key; none for collections
  bool merge_key = false;          // a plain "<<"
  bool unrepresentable = false;    // NaN or infinity: fine as a key, not as a value
  size_t nodes = 1;                // including everything inside
  size_t depth = 0;                // nesting of collections inside (a scalar has 0)
};

// An open sequence or mapping.
struct Frame {
  rapidjson::Value value;
  bool is_map = false;
  YAML::anchor_t anchor = YAML::NullAnchor;
  size_t nodes = 1;
  size_t depth = 1;
  bool have_key = false;
  std::string key;
  bool key_is_merge = false;
  YAML::Mark key_mark;
  std::vector<rapidjson::Value> merges;  // mappings from "<<", applied at the end
};

struct Anchored {
  bool defined = false;
  rapidjson::Value value;
  std::optional<std::string> key;
  size_t nodes = 0;
  size_t depth = 0;
};

// Builds one document's JSON from yaml-cpp's events, with an explicit stack.
class JsonBuilder : public YAML::EventHandler {
 public:
  explicit JsonBuilder(rapidjson::Document& document)
      : document_(document), allocator_(document.GetAllocator()) {}

  bool has_root() const { return has_root_; }
  const YAML::Mark& start() const { return start_; }

  void OnDocumentStart(const YAML::Mark& mark) override { start_ = mark; }
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    Node node;
    node.key = "null";
    Complete(std::move(node), anchor, mark);
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    if (anchor >= anchors_.size() || !anchors_[anchor].defined) {
      Fail(mark, "alias to an undefined anchor or to an enclosing node");
    }
    const Anchored& anchored = anchors_[anchor];
    if (stack_.size() + anchored.depth > static_cast<size_t>(kMaxNestingDepth)) {
      Fail(mark, absl::StrCat("nesting deeper than ", kMaxNestingDepth, " levels"));
    }
    CountNodes(mark, anchored.nodes);
    Node node;
    node.value.CopyFrom(anchored.value, allocator_);
    node.key = anchored.key;
    node.nodes = anchored.nodes;
    node.depth = anchored.depth;
    Complete(std::move(node), YAML::NullAnchor, mark, /*counted=*/true);
  }

  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& text) override {
    if (!IsValidUtf8(text)) Fail(mark, "invalid UTF-8");
    Complete(Scalar(mark, tag, text), anchor, mark);
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    Open(mark, anchor, /*is_map=*/false);
  }
  void OnSequenceEnd() override { Close(); }

  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    Open(mark, anchor, /*is_map=*/true);
  }
  void OnMapEnd() override { Close(); }

 private:
  Node Scalar(const YAML::Mark& mark, const std::string& tag, const std::string& text) {
    Node node;
    auto as_string = [&] {
      node.value.SetString(text.data(), static_cast<rapidjson::SizeType>(text.size()),
                           allocator_);
      node.key = text;
    };
    // yaml-cpp tags plain scalars "?" and quoted or block ones "!".
    std::string_view type;
    if (tag == "?") {
      if (text == "<<") {
        as_string();
        node.merge_key = true;
        return node;
      }
    } else if (std::string_view(tag).substr(0, kTagPrefix.size()) == kTagPrefix) {
      type = std::string_view(tag).substr(kTagPrefix.size());
      if (type == "str" || type == "timestamp") {
        as_string();
        return node;
      }
      if (type == "merge") {
        as_string();
        node.merge_key = true;
        return node;
      }
      if (type == "binary") {
        absl::StatusOr<std::string> bytes = Base64Decode(text);
        if (!bytes.ok()) Fail(mark, "invalid !!binary value");
        if (!IsValidUtf8(*bytes)) Fail(mark, "!!binary value is not UTF-8 text");
        node.value.SetString(bytes->data(), static_cast<rapidjson::SizeType>(bytes->size()),
                             allocator_);
        node.key = *bytes;
        return node;
      }
    } else {
      as_string();  // quoted, block, or an application tag
      return node;
    }

    YamlScalar scalar = ResolvePlainScalar(text);
    using Kind = YamlScalar::Kind;
    if (!type.empty()) {
      // An explicit standard tag must agree with what the text resolves to.
      bool fits = (type == "null" && scalar.kind == Kind::kNull) ||
                  (type == "bool" && scalar.kind == Kind::kBool) ||
                  (type == "int" && (scalar.kind == Kind::kInt || scalar.kind == Kind::kUint)) ||
                  (type == "float" && (scalar.kind == Kind::kFloat || scalar.kind == Kind::kInt ||
                                       scalar.kind == Kind::kUint));
      if (!fits) Fail(mark, absl::StrCat("cannot decode `", text, "` as !!", internal::AbslView(type)));
      if (type == "float" && scalar.kind == Kind::kInt) {
        scalar.floating = static_cast<double>(scalar.integer);
        scalar.kind = Kind::kFloat;
      } else if (type == "float" && scalar.kind == Kind::kUint) {
        scalar.floating = static_cast<double>(scalar.unsigned_integer);
        scalar.kind = Kind::kFloat;
      }
    }
    switch (scalar.kind) {
      case Kind::kString:
        as_string();
        break;
      case Kind::kNull:
        node.key = "null";
        break;
      case Kind::kBool:
        node.value.SetBool(scalar.boolean);
        node.key = scalar.boolean ? "true" : "false";
        break;
      case Kind::kInt:
        node.value.SetInt64(scalar.integer);
        node.key = absl::StrCat(scalar.integer);
        break;
      case Kind::kUint:
        node.value.SetUint64(scalar.unsigned_integer);
        node.key = absl::StrCat(scalar.unsigned_integer);
        break;
      case Kind::kFloat:
        if (std::isfinite(scalar.floating)) {
          node.value.SetDouble(scalar.floating);
        } else {
          node.unrepresentable = true;
        }
        node.key = FloatKeyText(scalar.floating);
        break;
    }
    return node;
  }

  void CountNodes(const YAML::Mark& mark, size_t count) {
    nodes_ += count;
    if (nodes_ > kMaxNodes) Fail(mark, "too many nodes after alias expansion");
  }

  void Open(const YAML::Mark& mark, YAML::anchor_t anchor, bool is_map) {
    if (stack_.size() >= static_cast<size_t>(kMaxNestingDepth)) {
      Fail(mark, absl::StrCat("nesting deeper than ", kMaxNestingDepth, " levels"));
    }
    CountNodes(mark, 1);
    Frame frame;
    if (is_map) {
      frame.value.SetObject();
    } else {
      frame.value.SetArray();
    }
    frame.is_map = is_map;
    frame.anchor = anchor;
    stack_.push_back(std::move(frame));
    marks_.push_back(mark);
  }

  void Close() {
    Frame frame = std::move(stack_.back());
    stack_.pop_back();
    const YAML::Mark mark = marks_.back();
    marks_.pop_back();
    if (frame.have_key) Fail(mark, "mapping key without a value");
    // Merged keys never override the mapping's own, and earlier merges win.
    for (rapidjson::Value& merged : frame.merges) {
      for (auto& member : merged.GetObject()) {
        if (!frame.value.HasMember(member.name)) {
          frame.value.AddMember(member.name, member.value, allocator_);
        }
      }
    }
    Node node;
    node.value = std::move(frame.value);
    node.nodes = frame.nodes;
    node.depth = frame.depth;
    Complete(std::move(node), frame.anchor, mark, /*counted=*/true);
  }

  void Complete(Node node, YAML::anchor_t anchor, const YAML::Mark& mark, bool counted = false) {
    if (!counted) CountNodes(mark, 1);
    if (anchor != YAML::NullAnchor) {
      if (anchor >= anchors_.size()) anchors_.resize(anchor + 1);
      Anchored& anchored = anchors_[anchor];
      anchored.defined = !node.unrepresentable;
      anchored.value.CopyFrom(node.value, anchor_allocator_);
      anchored.key = node.key;
      anchored.nodes = node.nodes;
      anchored.depth = node.depth;
    }
    if (stack_.empty()) {
      if (node.unrepresentable) Fail(mark, "NaN and infinity cannot be represented in JSON");
      static_cast<rapidjson::Value&>(document_) = std::move(node.value);
      has_root_ = true;
      return;
    }
    Frame& top = stack_.back();
    top.nodes += node.nodes;
    top.depth = std::max(top.depth, node.depth + 1);
    if (top.is_map && !top.have_key) {
      if (!node.key) Fail(mark, "mapping keys must be scalars");
      top.key = *std::move(node.key);
      top.key_is_merge = node.merge_key;
      top.key_mark = mark;
      top.have_key = true;
      return;
    }
    if (node.unrepresentable) Fail(mark, "NaN and infinity cannot be represented in JSON");
    if (!top.is_map) {
      top.value.PushBack(node.value, allocator_);
      return;
    }
    top.have_key = false;
    if (top.key_is_merge) {
      if (node.value.IsObject()) {
        top.merges.push_back(std::move(node.value));
        return;
      }
      if (node.value.IsArray()) {
        for (auto& element : node.value.GetArray()) {
          if (!element.IsObject()) Fail(mark, "merge (<<) needs a mapping or mappings");
        }
        for (auto& element : node.value.GetArray()) top.merges.push_back(std::move(element));
        return;
      }
      Fail(mark, "merge (<<) needs a mapping or a sequence of mappings");
    }
    rapidjson::Value key(top.key.data(), static_cast<rapidjson::SizeType>(top.key.size()),
                         allocator_);
    top.value.AddMember(key, node.value, allocator_);
  }

  rapidjson::Document& document_;
  rapidjson::Document::AllocatorType& allocator_;
  rapidjson::MemoryPoolAllocator<> anchor_allocator_;
  std::vector<Frame> stack_;
  std::vector<YAML::Mark> marks_;
  std::vector<Anchored> anchors_;  // by yaml-cpp's anchor id
  size_t nodes_ = 0;
  bool has_root_ = false;
  YAML::Mark start_;
};

}  // namespace

absl::StatusOr<std::vector<std::string>> YamlToJson(std::string_view yaml) {
  std::vector<std::string> documents;
  try {
    std::istringstream stream{std::string(yaml)};
    YAML::Parser parser(stream);
    int last_start = -1;
    while (true) {
      rapidjson::Document document;
      JsonBuilder builder(document);
      if (!parser.HandleNextDocument(builder)) break;
      // yaml-cpp 0.7 leaves a stray token such as "," or "]" unconsumed and reports an
      // empty document for it, again and again: no progress means a syntax error.
      if (builder.start().pos == last_start) {
        throw StopParsing{absl::InvalidArgumentError(
            absl::StrCat("invalid YAML at line ", builder.start().line + 1, ", column ",
                         builder.start().column + 1, ": unexpected character"))};
      }
      last_start = builder.start().pos;
      if (!builder.has_root() || document.IsNull()) continue;
      documents.push_back(WriteJson(document));
    }
  } catch (const StopParsing& stop) {
    return stop.status;
  } catch (const YAML::Exception& e) {
    return absl::InvalidArgumentError(absl::StrCat("invalid YAML: ", e.what()));
  } catch (const std::exception& e) {
    return absl::InvalidArgumentError(absl::StrCat("invalid YAML: ", e.what()));
  } catch (...) {
    return absl::InvalidArgumentError("invalid YAML");
  }
  return documents;
}

}  // namespace kube::codec
