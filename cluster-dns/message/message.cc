#include "cluster-dns/message/message.h"

#include "common/util/strings.h"

namespace kube::dns {

std::string TypeName(RrType type) {
  switch (type) {
    case RrType::kA: return "A";
    case RrType::kNS: return "NS";
    case RrType::kCNAME: return "CNAME";
    case RrType::kSOA: return "SOA";
    case RrType::kPTR: return "PTR";
    case RrType::kTXT: return "TXT";
    case RrType::kAAAA: return "AAAA";
    case RrType::kSRV: return "SRV";
    case RrType::kOPT: return "OPT";
    case RrType::kIXFR: return "IXFR";
    case RrType::kAXFR: return "AXFR";
    case RrType::kANY: return "ANY";
  }
  return StrCat("TYPE", static_cast<uint16_t>(type));
}

std::string RcodeName(Rcode rcode) {
  switch (rcode) {
    case Rcode::kNoError: return "NOERROR";
    case Rcode::kFormErr: return "FORMERR";
    case Rcode::kServFail: return "SERVFAIL";
    case Rcode::kNxDomain: return "NXDOMAIN";
    case Rcode::kNotImp: return "NOTIMP";
    case Rcode::kRefused: return "REFUSED";
    case Rcode::kBadVers: return "BADVERS";
  }
  return StrCat("RCODE", static_cast<uint16_t>(rcode));
}

}  // namespace kube::dns
