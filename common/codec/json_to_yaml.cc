#include "absl/strings/str_cat.h"
#include "common/codec/json_text.h"
#include "common/codec/yaml.h"
#include "common/codec/yaml_scalar.h"
#include "rapidjson/error/en.h"
#include "rapidjson/memorystream.h"
#include "rapidjson/reader.h"
#include "yaml-cpp/emitter.h"
#include "yaml-cpp/emittermanip.h"
#include "yaml-cpp/exceptions.h"

namespace kube::codec {
namespace {

// True if `text` can be written as a plain YAML scalar and read back as the same
// string. Deliberately stricter than YAML: anything unusual is double-quoted.
bool IsSafePlain(std::string_view text) {
  if (text.empty() || text == "<<") return false;
  if (ResolvePlainScalar(text).kind != YamlScalar::Kind::kString) return false;
  if (text.front() == ' ' || text.back() == ' ' || text.back() == ':') return false;
  static constexpr std::string_view kBadFirst = "-?:,[]{}#&*!|>'\"%@`";
  if (kBadFirst.find(text.front()) != std::string_view::npos) return false;
  for (size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 || c == 0x7f) return false;
    if (c == ',' || c == '[' || c == ']' || c == '{' || c == '}') return false;
    if (c == ':' && i + 1 < text.size() && text[i + 1] == ' ') return false;
    if (c == '#' && i > 0 && text[i - 1] == ' ') return false;
    // NEL, LS, PS and BOM read as line breaks or get dropped by some parsers.
    if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x85) {
      return false;
    }
    if (c == 0xE2 && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x80 &&
        (static_cast<unsigned char>(text[i + 2]) == 0xA8 ||
         static_cast<unsigned char>(text[i + 2]) == 0xA9)) {
      return false;
    }
    if (c == 0xEF && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xBB &&
        static_cast<unsigned char>(text[i + 2]) == 0xBF) {
      return false;
    }
  }
  return true;
}

// A RapidJSON SAX handler that writes YAML events; numbers arrive as their JSON text.
class YamlWriter : public rapidjson::BaseReaderHandler<rapidjson::UTF8<>, YamlWriter> {
 public:
  explicit YamlWriter(YAML::Emitter& out) : out_(out) {}

  bool too_deep() const { return too_deep_; }

  bool Null() {
    out_ << YAML::Null;
    return out_.good();
  }
  bool Bool(bool b) {
    out_ << b;
    return out_.good();
  }
  bool RawNumber(const char* text, rapidjson::SizeType length, bool) {
    out_ << std::string(text, length);  // JSON number text is a plain YAML number
    return out_.good();
  }
  bool String(const char* text, rapidjson::SizeType length, bool) {
    std::string value(text, length);
    if (IsSafePlain(value)) {
      out_ << value;
    } else {
      out_ << YAML::DoubleQuoted << value;
    }
    return out_.good();
  }
  bool Key(const char* text, rapidjson::SizeType length, bool copy) {
    return String(text, length, copy);
  }
  bool StartObject() {
    if (!Enter()) return false;
    out_ << YAML::BeginMap;
    return out_.good();
  }
  bool EndObject(rapidjson::SizeType) {
    --depth_;
    out_ << YAML::EndMap;
    return out_.good();
  }
  bool StartArray() {
    if (!Enter()) return false;
    out_ << YAML::BeginSeq;
    return out_.good();
  }
  bool EndArray(rapidjson::SizeType) {
    --depth_;
    out_ << YAML::EndSeq;
    return out_.good();
  }

 private:
  bool Enter() {
    if (++depth_ > kMaxNestingDepth) {
      too_deep_ = true;
      return false;
    }
    return true;
  }

  YAML::Emitter& out_;
  int depth_ = 0;
  bool too_deep_ = false;
};

}  // namespace

absl::StatusOr<std::string> JsonToYaml(std::string_view json) {
  try {
    YAML::Emitter out;
    out.SetNullFormat(YAML::LowerNull);
    YamlWriter writer(out);
    rapidjson::Reader reader;
    rapidjson::MemoryStream stream(json.data(), json.size());
    constexpr unsigned kFlags = rapidjson::kParseIterativeFlag |
                                rapidjson::kParseNumbersAsStringsFlag |
                                rapidjson::kParseValidateEncodingFlag;
    rapidjson::ParseResult result = reader.Parse<kFlags>(stream, writer);
    if (writer.too_deep()) {
      return absl::InvalidArgumentError(
          absl::StrCat("JSON nests deeper than ", kMaxNestingDepth, " levels"));
    }
    if (result.IsError()) {
      return absl::InvalidArgumentError(absl::StrCat("invalid JSON at offset ", result.Offset(),
                                                     ": ",
                                                     rapidjson::GetParseError_En(result.Code())));
    }
    if (!out.good()) {
      return absl::InternalError(absl::StrCat("YAML emitter: ", out.GetLastError()));
    }
    std::string yaml(out.c_str(), out.size());
    yaml += '\n';
    return yaml;
  } catch (const std::exception& e) {
    return absl::InternalError(absl::StrCat("YAML emitter: ", e.what()));
  }
}

}  // namespace kube::codec
