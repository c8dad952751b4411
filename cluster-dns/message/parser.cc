#include "cluster-dns/message/parser.h"

#include "absl/status/status.h"
#include "cluster-dns/message/wire_reader.h"
#include "common/util/strings.h"

namespace kube::dns {
namespace {

// Evaluates a StatusOr expression into `lhs`, returning its error.
#define DNS_CONCAT_INNER(a, b) a##b
#define DNS_CONCAT(a, b) DNS_CONCAT_INNER(a, b)
#define DNS_ASSIGN_OR_RETURN(lhs, expr) \
  DNS_ASSIGN_OR_RETURN_IMPL(DNS_CONCAT(status_or_, __LINE__), lhs, expr)
#define DNS_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                              \
  if (!tmp.ok()) return tmp.status();             \
  lhs = std::move(*tmp)

Header DecodeFlags(uint16_t id, uint16_t flags) {
  Header h;
  h.id = id;
  h.qr = (flags & 0x8000) != 0;
  h.opcode = static_cast<uint8_t>((flags >> 11) & 0x0F);
  h.aa = (flags & 0x0400) != 0;
  h.tc = (flags & 0x0200) != 0;
  h.rd = (flags & 0x0100) != 0;
  h.ra = (flags & 0x0080) != 0;
  h.ad = (flags & 0x0020) != 0;
  h.cd = (flags & 0x0010) != 0;
  return h;
}

absl::Status ExpectConsumed(const WireReader& r, RrType type) {
  if (r.remaining() != 0) {
    return absl::InvalidArgumentError(StrCat("RDATA of ", TypeName(type), " has trailing bytes"));
  }
  return absl::OkStatus();
}

absl::StatusOr<Rdata> ParseRdata(RrType type, WireReader r) {
  switch (type) {
    case RrType::kA:
    case RrType::kAAAA: {
      const size_t size = type == RrType::kA ? 4 : 16;
      if (r.remaining() != size) {
        return absl::InvalidArgumentError(StrCat(TypeName(type), " RDATA of the wrong length"));
      }
      std::string bytes;
      DNS_ASSIGN_OR_RETURN(bytes, r.Bytes(size));
      return AddressRdata{std::move(bytes)};
    }
    case RrType::kCNAME:
    case RrType::kPTR:
    case RrType::kNS: {
      DnsName name;
      DNS_ASSIGN_OR_RETURN(name, r.Name());
      if (absl::Status s = ExpectConsumed(r, type); !s.ok()) return s;
      return NameRdata{std::move(name)};
    }
    case RrType::kSRV: {
      SrvRdata srv;
      DNS_ASSIGN_OR_RETURN(srv.priority, r.U16());
      DNS_ASSIGN_OR_RETURN(srv.weight, r.U16());
      DNS_ASSIGN_OR_RETURN(srv.port, r.U16());
      DNS_ASSIGN_OR_RETURN(srv.target, r.Name());
      if (absl::Status s = ExpectConsumed(r, type); !s.ok()) return s;
      return srv;
    }
    case RrType::kSOA: {
      SoaRdata soa;
      DNS_ASSIGN_OR_RETURN(soa.mname, r.Name());
      DNS_ASSIGN_OR_RETURN(soa.rname, r.Name());
      DNS_ASSIGN_OR_RETURN(soa.serial, r.U32());
      DNS_ASSIGN_OR_RETURN(soa.refresh, r.U32());
      DNS_ASSIGN_OR_RETURN(soa.retry, r.U32());
      DNS_ASSIGN_OR_RETURN(soa.expire, r.U32());
      DNS_ASSIGN_OR_RETURN(soa.minimum, r.U32());
      if (absl::Status s = ExpectConsumed(r, type); !s.ok()) return s;
      return soa;
    }
    case RrType::kTXT: {
      TxtRdata txt;
      while (r.remaining() > 0) {
        uint8_t length;
        DNS_ASSIGN_OR_RETURN(length, r.U8());
        std::string text;
        DNS_ASSIGN_OR_RETURN(text, r.Bytes(length));
        txt.strings.push_back(std::move(text));
      }
      return txt;
    }
    default: {
      std::string bytes;
      DNS_ASSIGN_OR_RETURN(bytes, r.Bytes(r.remaining()));
      return RawRdata{std::move(bytes)};
    }
  }
}

// OPT's fields reuse CLASS (payload size) and TTL (extended rcode, version, DO).
absl::Status ParseOpt(const DnsName& name, uint16_t klass, uint32_t ttl, WireReader r,
                      Message& message) {
  if (message.edns.has_value()) return absl::InvalidArgumentError("more than one OPT record");
  if (!name.IsRoot()) return absl::InvalidArgumentError("OPT record not owned by the root");
  Edns edns;
  // Values below 512 are treated as 512 (RFC 6891 §6.2.3).
  edns.udp_payload_size = klass < 512 ? 512 : klass;
  const uint16_t extended_rcode = static_cast<uint16_t>((ttl >> 24) & 0xFF);
  edns.version = static_cast<uint8_t>((ttl >> 16) & 0xFF);
  edns.dnssec_ok = (ttl & 0x8000) != 0;
  DNS_ASSIGN_OR_RETURN(edns.options, r.Bytes(r.remaining()));
  // Each option must be a complete {code, length, data}.
  WireReader options(edns.options);
  while (options.remaining() > 0) {
    uint16_t code, length;
    DNS_ASSIGN_OR_RETURN(code, options.U16());
    (void)code;
    DNS_ASSIGN_OR_RETURN(length, options.U16());
    if (absl::StatusOr<std::string> data = options.Bytes(length); !data.ok()) {
      return absl::InvalidArgumentError("EDNS option longer than the OPT record");
    }
  }
  message.rcode = static_cast<Rcode>((extended_rcode << 4) | static_cast<uint16_t>(message.rcode));
  message.edns = std::move(edns);
  return absl::OkStatus();
}

absl::Status ParseRecords(WireReader& r, uint16_t count, bool additional, Message& message,
                          std::vector<ResourceRecord>& out) {
  for (uint16_t i = 0; i < count; ++i) {
    ResourceRecord rr;
    uint16_t type, rdlength;
    DNS_ASSIGN_OR_RETURN(rr.name, r.Name());
    DNS_ASSIGN_OR_RETURN(type, r.U16());
    rr.type = static_cast<RrType>(type);
    DNS_ASSIGN_OR_RETURN(rr.klass, r.U16());
    DNS_ASSIGN_OR_RETURN(rr.ttl, r.U32());
    DNS_ASSIGN_OR_RETURN(rdlength, r.U16());
    WireReader rdata(std::string_view{});
    DNS_ASSIGN_OR_RETURN(rdata, r.Sub(rdlength));
    if (rr.type == RrType::kOPT) {
      if (!additional) return absl::InvalidArgumentError("OPT record outside the additional section");
      if (absl::Status s = ParseOpt(rr.name, rr.klass, rr.ttl, rdata, message); !s.ok()) return s;
      continue;
    }
    DNS_ASSIGN_OR_RETURN(rr.rdata, ParseRdata(rr.type, rdata));
    out.push_back(std::move(rr));
  }
  return absl::OkStatus();
}

}  // namespace

std::optional<Header> ParseHeader(std::string_view wire) {
  if (wire.size() < kHeaderLength) return std::nullopt;
  WireReader r(wire);
  const uint16_t id = *r.U16();
  const uint16_t flags = *r.U16();
  return DecodeFlags(id, flags);
}

absl::StatusOr<Message> ParseMessage(std::string_view wire) {
  if (wire.size() < kHeaderLength) return absl::InvalidArgumentError("shorter than a DNS header");
  WireReader r(wire);
  Message message;
  uint16_t id, flags, qdcount, ancount, nscount, arcount;
  DNS_ASSIGN_OR_RETURN(id, r.U16());
  DNS_ASSIGN_OR_RETURN(flags, r.U16());
  DNS_ASSIGN_OR_RETURN(qdcount, r.U16());
  DNS_ASSIGN_OR_RETURN(ancount, r.U16());
  DNS_ASSIGN_OR_RETURN(nscount, r.U16());
  DNS_ASSIGN_OR_RETURN(arcount, r.U16());
  message.header = DecodeFlags(id, flags);
  message.rcode = static_cast<Rcode>(flags & 0x000F);
  for (uint16_t i = 0; i < qdcount; ++i) {
    Question q;
    uint16_t type;
    DNS_ASSIGN_OR_RETURN(q.name, r.Name());
    DNS_ASSIGN_OR_RETURN(type, r.U16());
    q.type = static_cast<RrType>(type);
    DNS_ASSIGN_OR_RETURN(q.klass, r.U16());
    message.questions.push_back(std::move(q));
  }
  if (absl::Status s = ParseRecords(r, ancount, false, message, message.answers); !s.ok()) return s;
  if (absl::Status s = ParseRecords(r, nscount, false, message, message.authority); !s.ok()) return s;
  if (absl::Status s = ParseRecords(r, arcount, true, message, message.additional); !s.ok()) return s;
  return message;
}

}  // namespace kube::dns
