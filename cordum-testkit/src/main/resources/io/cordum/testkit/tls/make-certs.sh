#!/bin/sh
# Regenerates the test PKI (valid for 100 years). Run from this directory; commit the output.
set -e
days=36500
openssl req -x509 -newkey rsa:2048 -nodes -days $days -subj "/CN=Cordum Test CA" \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
  -keyout ca-key.pem -out ca.pem
# The server certificate names only tls.cordum.test: no IP address, no localhost, so a
# connection to 127.0.0.1 verifies only when the client is told that server name.
openssl req -newkey rsa:2048 -nodes -subj "/CN=tls.cordum.test" \
  -keyout server-key.pem -out server.csr
printf 'subjectAltName=DNS:tls.cordum.test\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n' > server.ext
openssl x509 -req -in server.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -days $days \
  -extfile server.ext -out server.pem
openssl req -newkey rsa:2048 -nodes -subj "/CN=cordum-test-client" \
  -keyout client-key.pem -out client.csr
printf 'extendedKeyUsage=clientAuth\nbasicConstraints=CA:FALSE\n' > client.ext
openssl x509 -req -in client.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -days $days \
  -extfile client.ext -out client.pem
rm -f server.csr client.csr server.ext client.ext ca.srl ca-key.pem
