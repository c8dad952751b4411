#include "common/codec/envelope.h"

#include <cstdint>

#include "absl/strings/str_cat.h"
#include "common/codec/absl_view.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"

namespace kube::codec {
namespace {

using google::protobuf::io::CodedInputStream;
using google::protobuf::io::CodedOutputStream;
using google::protobuf::io::StringOutputStream;

constexpr std::string_view kMagic("k8s\0", 4);
constexpr int kWireVarint = 0, kWireFixed64 = 1, kWireLength = 2, kWireFixed32 = 5;

absl::Status Malformed(std::string_view what) {
  return absl::InvalidArgumentError(absl::StrCat("malformed protobuf envelope: ", internal::AbslView(what)));
}

// Skips one field of any non-group wire type.
bool SkipField(CodedInputStream& in, uint32_t tag) {
  switch (tag & 7) {
    case kWireVarint: {
      uint64_t ignored;
      return in.ReadVarint64(&ignored);
    }
    case kWireFixed64:
      return in.Skip(8);
    case kWireLength: {
      uint32_t length;
      return in.ReadVarint32(&length) && in.Skip(static_cast<int>(length));
    }
    case kWireFixed32:
      return in.Skip(4);
    default:
      return false;  // groups are not used by Kubernetes
  }
}

bool ReadBytes(CodedInputStream& in, std::string& out) {
  uint32_t length;
  return in.ReadVarint32(&length) && length <= INT32_MAX &&
         in.ReadString(&out, static_cast<int>(length));
}

// Calls on_field(number, bytes) for each length-delimited field, skipping others.
template <typename OnField>
absl::Status ForEachBytesField(std::string_view data, OnField on_field) {
  CodedInputStream in(reinterpret_cast<const uint8_t*>(data.data()),
                      static_cast<int>(data.size()));
  while (in.CurrentPosition() < static_cast<int>(data.size())) {
    uint32_t tag = in.ReadTag();
    if (tag == 0) return Malformed("bad tag");
    const int number = static_cast<int>(tag >> 3);
    if (number == 0) return Malformed("field number 0");
    if ((tag & 7) == kWireLength) {
      std::string bytes;
      if (!ReadBytes(in, bytes)) return Malformed("truncated field");
      on_field(number, std::move(bytes));
    } else if (!SkipField(in, tag)) {
      return Malformed("truncated or unsupported field");
    }
  }
  return absl::OkStatus();
}

void WriteBytesField(CodedOutputStream& out, int number, std::string_view bytes) {
  out.WriteTag(static_cast<uint32_t>(number) << 3 | kWireLength);
  out.WriteVarint32(static_cast<uint32_t>(bytes.size()));
  out.WriteRaw(bytes.data(), static_cast<int>(bytes.size()));
}

}  // namespace

absl::StatusOr<ProtobufEnvelope> DecodeProtobufEnvelope(std::string_view body) {
  if (body.size() < kMagic.size() || body.substr(0, kMagic.size()) != kMagic) {
    return absl::InvalidArgumentError("not a Kubernetes protobuf body: missing \"k8s\\0\"");
  }
  if (body.size() - kMagic.size() > INT32_MAX) return Malformed("too large");
  ProtobufEnvelope envelope;
  std::string type_meta;
  bool has_type_meta = false;
  absl::Status status =
      ForEachBytesField(body.substr(kMagic.size()), [&](int number, std::string bytes) {
        switch (number) {
          case 1:
            // A repeated embedded message merges; concatenating the bytes does the same.
            type_meta += bytes;
            has_type_meta = true;
            break;
          case 2:
            envelope.raw = std::move(bytes);
            break;
          case 3:
            envelope.content_encoding = std::move(bytes);
            break;
          case 4:
            envelope.content_type = std::move(bytes);
            break;
          default:
            break;
        }
      });
  if (!status.ok()) return status;
  if (has_type_meta) {
    status = ForEachBytesField(type_meta, [&](int number, std::string bytes) {
      if (number == 1) envelope.api_version = std::move(bytes);
      if (number == 2) envelope.kind = std::move(bytes);
    });
    if (!status.ok()) return status;
  }
  return envelope;
}

std::string EncodeProtobufEnvelope(const ProtobufEnvelope& envelope) {
  std::string type_meta;
  {
    StringOutputStream stream(&type_meta);
    CodedOutputStream out(&stream);
    WriteBytesField(out, 1, envelope.api_version);
    WriteBytesField(out, 2, envelope.kind);
  }
  std::string body(kMagic);
  {
    StringOutputStream stream(&body);
    CodedOutputStream out(&stream);
    WriteBytesField(out, 1, type_meta);
    WriteBytesField(out, 2, envelope.raw);
    WriteBytesField(out, 3, envelope.content_encoding);
    WriteBytesField(out, 4, envelope.content_type);
  }
  return body;
}

std::string EncodeProtobufEnvelope(std::string_view api_version, std::string_view kind,
                                   const google::protobuf::Message& message) {
  ProtobufEnvelope envelope;
  envelope.api_version = std::string(api_version);
  envelope.kind = std::string(kind);
  {
    StringOutputStream stream(&envelope.raw);
    CodedOutputStream out(&stream);
    out.SetSerializationDeterministic(true);  // sorted map entries, as Go writes them
    message.SerializePartialToCodedStream(&out);
  }
  return EncodeProtobufEnvelope(envelope);
}

}  // namespace kube::codec
