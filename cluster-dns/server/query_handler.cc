#include "cluster-dns/server/query_handler.h"

#include "cluster-dns/message/parser.h"
#include "cluster-dns/message/serializer.h"
#include "common/log/log.h"

namespace kube::dns {
namespace {

// Fills `response` (header already set up) from the one question of `query`.
void Answer(const Message& query, const ZoneSnapshot& zone, Message& response) {
  const Question& q = query.questions[0];
  if (q.type == RrType::kOPT) {
    response.rcode = Rcode::kFormErr;  // OPT is a pseudo-type, never a question
    return;
  }
  if ((q.klass != kClassIN && q.klass != kClassANY) || q.type == RrType::kAXFR ||
      q.type == RrType::kIXFR) {
    response.rcode = Rcode::kRefused;
    return;
  }
  std::shared_ptr<const Zone> current = zone.Current();
  if (current == nullptr) {
    response.rcode = Rcode::kServFail;  // not synced yet: the client should retry
    return;
  }
  LookupResult result = current->Lookup(q.name, q.type);
  response.rcode = result.rcode;
  response.header.aa = result.authoritative;
  response.answers = std::move(result.answers);
  response.authority = std::move(result.authority);
  response.additional = std::move(result.additional);
}

size_t SizeLimit(const Message* query, Transport transport) {
  if (transport == Transport::kTcp) return kMaxMessageLength;
  if (query != nullptr && query->edns.has_value()) return query->edns->udp_payload_size;
  return 512;
}

}  // namespace

std::optional<std::string> QueryHandler::Handle(std::string_view request, Transport transport) const {
  std::optional<Header> header = ParseHeader(request);
  if (!header.has_value() || header->qr) {
    metrics_.CountDropped();
    return std::nullopt;
  }
  Message response;
  response.header.id = header->id;
  response.header.qr = true;
  response.header.opcode = header->opcode;
  response.header.rd = header->rd;
  response.header.cd = header->cd;

  absl::StatusOr<Message> query = ParseMessage(request);
  std::optional<RrType> type;
  if (!query.ok()) {
    VLOG(2) << "FORMERR to a malformed query: " << query.status().message();
    response.rcode = Rcode::kFormErr;
  } else {
    if (query->edns.has_value()) {
      response.edns = Edns{kAdvertisedUdpPayload, 0, query->edns->dnssec_ok, ""};
    }
    if (query->questions.size() == 1) {
      type = query->questions[0].type;
      response.questions = query->questions;
    }
    if (header->opcode != kOpcodeQuery) {
      response.rcode = Rcode::kNotImp;
    } else if (query->questions.size() != 1) {
      response.rcode = Rcode::kFormErr;
    } else if (query->edns.has_value() && query->edns->version != 0) {
      response.rcode = Rcode::kBadVers;  // RFC 6891 §6.1.3
    } else {
      Answer(*query, zone_, response);
    }
  }

  absl::StatusOr<std::string> wire =
      Serialize(response, SizeLimit(query.ok() ? &*query : nullptr, transport));
  if (!wire.ok()) {
    // Only a record the zone should never hold gets here; say so and fail softly.
    KLOG(Warning) << "cannot encode the response: " << wire.status().message();
    Message failure;
    failure.header = response.header;
    failure.questions = response.questions;
    failure.rcode = Rcode::kServFail;
    wire = Serialize(failure, 512);
    if (!wire.ok()) {
      metrics_.CountDropped();
      return std::nullopt;
    }
    response.rcode = Rcode::kServFail;
  }
  metrics_.CountAnswered(transport, type, response.rcode);
  return std::move(*wire);
}

}  // namespace kube::dns
