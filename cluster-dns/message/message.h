#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "cluster-dns/message/dns_name.h"

namespace kube::dns {

// Record types this server knows (RFC 1035, 2782, 3596, 6891). Other values are
// carried as they are; the enum's underlying type holds any of them.
enum class RrType : uint16_t {
  kA = 1,
  kNS = 2,
  kCNAME = 5,
  kSOA = 6,
  kPTR = 12,
  kTXT = 16,
  kAAAA = 28,
  kSRV = 33,
  kOPT = 41,
  kIXFR = 251,
  kAXFR = 252,
  kANY = 255,
};

inline constexpr uint16_t kClassIN = 1;
inline constexpr uint16_t kClassANY = 255;

// Response codes, including EDNS0's extended ones (above 15, carried half in the
// header and half in the OPT record).
enum class Rcode : uint16_t {
  kNoError = 0,
  kFormErr = 1,   // the query could not be parsed
  kServFail = 2,  // the server cannot answer now (no zone yet)
  kNxDomain = 3,  // the name does not exist in the cluster domain
  kNotImp = 4,    // an opcode other than QUERY
  kRefused = 5,   // a name this server is not authoritative for; it forwards nothing
  kBadVers = 16,  // an EDNS version above 0
};

inline constexpr uint8_t kOpcodeQuery = 0;

// "A", "SRV", ... and "TYPE<n>" for the rest; "NOERROR", "NXDOMAIN", ...
std::string TypeName(RrType type);
std::string RcodeName(Rcode rcode);

struct Header {
  uint16_t id = 0;
  bool qr = false;  // a response
  uint8_t opcode = kOpcodeQuery;
  bool aa = false;  // authoritative answer
  bool tc = false;  // truncated: retry over TCP
  bool rd = false;  // recursion desired (echoed; this server never recurses)
  bool ra = false;  // recursion available
  bool ad = false;
  bool cd = false;
};

struct Question {
  DnsName name;
  RrType type = RrType::kA;
  uint16_t klass = kClassIN;
};

// RDATA by shape. Names inside RawRdata are opaque (never decompressed or compressed).
struct AddressRdata { std::string bytes; };     // A: 4 bytes, AAAA: 16
struct NameRdata { DnsName name; };             // CNAME, PTR, NS
struct SrvRdata {
  uint16_t priority = 0;
  uint16_t weight = 0;
  uint16_t port = 0;
  DnsName target;
};
struct SoaRdata {
  DnsName mname;
  DnsName rname;
  uint32_t serial = 0;
  uint32_t refresh = 0;
  uint32_t retry = 0;
  uint32_t expire = 0;
  uint32_t minimum = 0;
};
struct TxtRdata { std::vector<std::string> strings; };  // each at most 255 bytes
struct RawRdata { std::string bytes; };
using Rdata = std::variant<RawRdata, AddressRdata, NameRdata, SrvRdata, SoaRdata, TxtRdata>;

struct ResourceRecord {
  DnsName name;
  RrType type = RrType::kA;
  uint16_t klass = kClassIN;
  uint32_t ttl = 0;
  Rdata rdata;
};

// The OPT pseudo-record of EDNS0 (RFC 6891), kept apart from the sections.
struct Edns {
  uint16_t udp_payload_size = 512;
  uint8_t version = 0;
  bool dnssec_ok = false;  // the DO bit, echoed (RFC 3225)
  std::string options;     // raw {code, length, data} options, already bounds-checked
};

struct Message {
  Header header;
  // The full 12-bit code; values above 15 need `edns` to be written.
  Rcode rcode = Rcode::kNoError;
  std::vector<Question> questions;
  std::vector<ResourceRecord> answers;
  std::vector<ResourceRecord> authority;
  std::vector<ResourceRecord> additional;  // without the OPT record
  std::optional<Edns> edns;
};

}  // namespace kube::dns
