#pragma once

// A self-signed P-256 CA certificate for the tests of this folder: what a
// --root-ca-file holds. Only parsed, never used to verify anything.

namespace kube::kcm::rootcacertpublisher::testing {

inline constexpr char kTestCaPem[] =
    "-----BEGIN CERTIFICATE-----\n"
    "MIIBgDCCASegAwIBAgIUc902b1LRspRjn+f2gb7Ck5TR1MYwCgYIKoZIzj0EAwIw\n"
    "FjEUMBIGA1UEAwwLa2NtLXRlc3QtY2EwHhcNMjYxMjA3MjAwNDU2WhcNMzYxMjA0\n"
    "MjAwNDU2WjAWMRQwEgYDVQQDDAtrY20tdGVzdC1jYTBZMBMGByqGSM49AgEGCCqG\n"
    "SM49AwEHA0IABNuG3r4NcYN7o42RJGjSfTfd5p6q7cHVLCW6id0tsdTuw8vLgTjs\n"
    "ui77HVpkf/y5QSQCiaat8j5dQhvv+9oEDWqjUzBRMB0GA1UdDgQWBBQtF2TAiHSH\n"
    "qr1F42aVkYKLZSL1DTAfBgNVHSMEGDAWgBQtF2TAiHSHqr1F42aVkYKLZSL1DTAP\n"
    "BgNVHRMBAf8EBTADAQH/MAoGCCqGSM49BAMCA0cAMEQCIH/V++6ForAy1SinijJL\n"
    "FSccZXWP+oMeleuVOnFMfwYlAiAavvpKnrTa6tvDMs8NGC6brlfEfDv8r5vOglkR\n"
    "6xP1wQ==\n"
    "-----END CERTIFICATE-----\n";

}  // namespace kube::kcm::rootcacertpublisher::testing
