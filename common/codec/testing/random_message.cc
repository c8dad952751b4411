#include "common/codec/testing/random_message.h"

#include <cmath>
#include <limits>
#include <set>
#include <vector>

#include "common/codec/json_text.h"

namespace kube::codec::testing {
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

size_t Pick(std::mt19937& rng, size_t n) {
  return std::uniform_int_distribution<size_t>(0, n - 1)(rng);
}
bool Chance(std::mt19937& rng, double p) { return std::bernoulli_distribution(p)(rng); }

const std::vector<std::string>& StringPool() {
  static const auto* pool = new std::vector<std::string>{
      "",
      "a",
      "web",
      "nginx:1.27",
      "/dev/termination-log",
      "node.kubernetes.io/not-ready",
      "quote\"back\\slash",
      "tab\tnew\nline\rcr\bbs\ffeed",
      std::string("nul\0byte\x01\x1f", 11),
      "h\u00e9llo w\u00f6rld",
      "\u65e5\u672c\u8a9e",
      "emoji \U0001F600 ok",
      "ends with two-byte \u00e9",
      "a fairly long string with nothing to escape in it at all",
      "long string with an escape near the end......\"x",
      "\x7f del and / slash",
      "bad \xff byte",
      "cut \xc3",
      "overlong \xc0\xaf",
      "surrogate \xed\xa0\x80",
      "0",
      "100m",
      "1Gi",
      "1.5",
  };
  return *pool;
}

const std::vector<std::string>& RawJsonPool() {
  static const auto* pool = new std::vector<std::string>{
      "",      R"({"a":[1,2.50,"x"],"b":null})",  "not json", "  7 ", "[]", R"("s\u0000")",
      "1e400", R"({"deep":{"er":[true,false]}})", "{",
  };
  return *pool;
}

int64_t RandomInt(std::mt19937& rng, int64_t min, int64_t max) {
  switch (Pick(rng, 6)) {
    case 0:
      return 0;
    case 1:
      return min;
    case 2:
      return max;
    case 3:
      return std::min<int64_t>(max, 1);
    default:
      return std::uniform_int_distribution<int64_t>(min, max)(rng);
  }
}

uint64_t RandomUint(std::mt19937& rng, uint64_t max) {
  switch (Pick(rng, 4)) {
    case 0:
      return 0;
    case 1:
      return max;
    default:
      return std::uniform_int_distribution<uint64_t>(0, max)(rng);
  }
}

double RandomDouble(std::mt19937& rng) {
  static constexpr double kPicks[] = {0.0,
                                      -0.0,
                                      0.1,
                                      1.0,
                                      -2.25,
                                      1e21,
                                      1e20,
                                      1e-7,
                                      123456789.0,
                                      std::numeric_limits<double>::quiet_NaN(),
                                      std::numeric_limits<double>::infinity(),
                                      5e-324};
  if (Chance(rng, 0.7)) return kPicks[Pick(rng, std::size(kPicks))];
  return std::uniform_real_distribution<double>(-1e6, 1e6)(rng);
}

std::string RandomBytes(std::mt19937& rng) {
  std::string bytes(Pick(rng, 12), '\0');
  for (char& c : bytes) c = static_cast<char>(Pick(rng, 256));
  return bytes;
}

class Filler {
 public:
  Filler(std::mt19937& rng, int max_depth) : rng_(rng), max_depth_(max_depth) {}

  void Fill(Message& message, int depth) {
    message.Clear();
    const auto* descriptor = message.GetDescriptor();
    // Fewer fields deeper down keeps big schemas (PodSpec) to a sensible size.
    const double presence = depth == 0 ? 0.7 : std::max(0.15, 0.6 - 0.1 * depth);
    for (int i = 0; i < descriptor->field_count(); ++i) {
      const FieldDescriptor* field = descriptor->field(i);
      if (field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE && depth + 1 > max_depth_) continue;
      if (!Chance(rng_, presence)) continue;
      if (field->is_map()) {
        FillMap(message, field, depth);
      } else if (field->is_repeated()) {
        for (size_t n = 1 + Pick(rng_, 3); n > 0; --n) AddValue(message, field, depth);
      } else {
        SetValue(message, field, depth);
      }
    }
  }

 private:
  void FillMap(Message& message, const FieldDescriptor* field, int depth) {
    const Reflection* reflection = message.GetReflection();
    const FieldDescriptor* key_field = field->message_type()->map_key();
    const FieldDescriptor* value_field = field->message_type()->map_value();
    std::set<std::string> keys;  // as written in JSON, so that no two collide
    bool invalid_key = false;
    for (size_t n = 1 + Pick(rng_, 4); n > 0; --n) {
      std::string key;
      bool found = false;
      for (int attempt = 0; attempt < 20 && !found; ++attempt) {
        key = RandomKey(key_field);
        const bool valid = IsValidUtf8(key);
        if (!valid && invalid_key) continue;  // one replaced key per map at most
        found = keys.insert(key).second;
        if (found) invalid_key |= !valid;
      }
      if (!found) continue;
      Message* entry = reflection->AddMessage(&message, field);
      SetKey(*entry, key_field, key);
      if (Chance(rng_, 0.9)) SetValue(*entry, value_field, depth);
    }
  }

  // A key as text: the string itself, or the number or bool as JSON writes it.
  std::string RandomKey(const FieldDescriptor* key_field) {
    switch (key_field->cpp_type()) {
      case FieldDescriptor::CPPTYPE_STRING:
        return RandomString(rng_);
      case FieldDescriptor::CPPTYPE_BOOL:
        return Chance(rng_, 0.5) ? "true" : "false";
      case FieldDescriptor::CPPTYPE_INT32:
      case FieldDescriptor::CPPTYPE_INT64:
        return std::to_string(RandomInt(rng_, -1000, 1000));
      default:
        return std::to_string(RandomUint(rng_, 1000));
    }
  }

  static void SetKey(Message& entry, const FieldDescriptor* key_field, const std::string& key) {
    const Reflection* r = entry.GetReflection();
    switch (key_field->cpp_type()) {
      case FieldDescriptor::CPPTYPE_STRING:
        return r->SetString(&entry, key_field, key);
      case FieldDescriptor::CPPTYPE_BOOL:
        return r->SetBool(&entry, key_field, key == "true");
      case FieldDescriptor::CPPTYPE_INT32:
        return r->SetInt32(&entry, key_field, std::stoi(key));
      case FieldDescriptor::CPPTYPE_INT64:
        return r->SetInt64(&entry, key_field, std::stoll(key));
      case FieldDescriptor::CPPTYPE_UINT32:
        return r->SetUInt32(&entry, key_field, static_cast<uint32_t>(std::stoul(key)));
      default:
        return r->SetUInt64(&entry, key_field, std::stoull(key));
    }
  }

  void SetValue(Message& message, const FieldDescriptor* field, int depth) {
    const Reflection* r = message.GetReflection();
    switch (field->cpp_type()) {
      case FieldDescriptor::CPPTYPE_INT32:
        return r->SetInt32(&message, field,
                           static_cast<int32_t>(RandomInt(rng_, INT32_MIN, INT32_MAX)));
      case FieldDescriptor::CPPTYPE_INT64:
        return r->SetInt64(&message, field, RandomInt(rng_, INT64_MIN, INT64_MAX));
      case FieldDescriptor::CPPTYPE_UINT32:
        return r->SetUInt32(&message, field, static_cast<uint32_t>(RandomUint(rng_, UINT32_MAX)));
      case FieldDescriptor::CPPTYPE_UINT64:
        return r->SetUInt64(&message, field, RandomUint(rng_, UINT64_MAX));
      case FieldDescriptor::CPPTYPE_DOUBLE:
        return r->SetDouble(&message, field, RandomDouble(rng_));
      case FieldDescriptor::CPPTYPE_FLOAT:
        return r->SetFloat(&message, field, static_cast<float>(RandomDouble(rng_)));
      case FieldDescriptor::CPPTYPE_BOOL:
        return r->SetBool(&message, field, Chance(rng_, 0.5));
      case FieldDescriptor::CPPTYPE_ENUM: {
        const auto* type = field->enum_type();
        return r->SetEnumValue(&message, field,
                               type->value(Pick(rng_, type->value_count()))->number());
      }
      case FieldDescriptor::CPPTYPE_STRING:
        return r->SetString(&message, field, StringFor(field));
      case FieldDescriptor::CPPTYPE_MESSAGE:
        return Fill(*r->MutableMessage(&message, field), depth + 1);
    }
  }

  void AddValue(Message& message, const FieldDescriptor* field, int depth) {
    const Reflection* r = message.GetReflection();
    switch (field->cpp_type()) {
      case FieldDescriptor::CPPTYPE_INT32:
        return r->AddInt32(&message, field,
                           static_cast<int32_t>(RandomInt(rng_, INT32_MIN, INT32_MAX)));
      case FieldDescriptor::CPPTYPE_INT64:
        return r->AddInt64(&message, field, RandomInt(rng_, INT64_MIN, INT64_MAX));
      case FieldDescriptor::CPPTYPE_UINT32:
        return r->AddUInt32(&message, field, static_cast<uint32_t>(RandomUint(rng_, UINT32_MAX)));
      case FieldDescriptor::CPPTYPE_UINT64:
        return r->AddUInt64(&message, field, RandomUint(rng_, UINT64_MAX));
      case FieldDescriptor::CPPTYPE_DOUBLE:
        return r->AddDouble(&message, field, RandomDouble(rng_));
      case FieldDescriptor::CPPTYPE_FLOAT:
        return r->AddFloat(&message, field, static_cast<float>(RandomDouble(rng_)));
      case FieldDescriptor::CPPTYPE_BOOL:
        return r->AddBool(&message, field, Chance(rng_, 0.5));
      case FieldDescriptor::CPPTYPE_ENUM: {
        const auto* type = field->enum_type();
        return r->AddEnumValue(&message, field,
                               type->value(Pick(rng_, type->value_count()))->number());
      }
      case FieldDescriptor::CPPTYPE_STRING:
        return r->AddString(&message, field, StringFor(field));
      case FieldDescriptor::CPPTYPE_MESSAGE:
        return Fill(*r->AddMessage(&message, field), depth + 1);
    }
  }

  // Raw JSON for the bytes of RawExtension-like messages, random bytes for others.
  std::string StringFor(const FieldDescriptor* field) {
    if (field->type() != FieldDescriptor::TYPE_BYTES) return RandomString(rng_);
    if (field->name() == "raw" && Chance(rng_, 0.8))
      return RawJsonPool()[Pick(rng_, RawJsonPool().size())];
    return RandomBytes(rng_);
  }

  std::mt19937& rng_;
  const int max_depth_;
};

}  // namespace

void FillRandom(Message& message, std::mt19937& rng, int max_depth) {
  Filler(rng, max_depth).Fill(message, 0);
}

std::string RandomString(std::mt19937& rng) {
  const auto& pool = StringPool();
  std::string text = pool[Pick(rng, pool.size())];
  if (Chance(rng, 0.3)) text += pool[Pick(rng, pool.size())];
  return text;
}

}  // namespace kube::codec::testing
