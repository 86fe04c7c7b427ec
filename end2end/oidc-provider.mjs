// A real OpenID Connect provider for the end-to-end tests (npm oidc-provider),
// standing in for Госуслуги / ЕСИА. Its development login page accepts any
// login; the account's e-mail is the login, verified, with a Russian ФИО.
//
//   node oidc-provider.mjs <port> <redirect_uri>
import Provider from "oidc-provider";

const port = Number(process.argv[2] ?? 3130);
const redirect = process.argv[3] ?? "http://127.0.0.1:3107/auth/oidc/callback";
const issuer = `http://127.0.0.1:${port}`;

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: "dnevnik",
      client_secret: "dnevnik-test-secret",
      redirect_uris: [redirect],
      grant_types: ["authorization_code"],
      response_types: ["code"],
      token_endpoint_auth_method: "client_secret_basic",
    },
  ],
  pkce: { required: () => true, methods: ["S256"] },
  claims: {
    openid: ["sub"],
    email: ["email", "email_verified"],
    profile: ["family_name", "given_name", "middle_name"],
  },
  // ID token carries the claims (no userinfo round trip needed).
  conformIdTokenClaims: false,
  async findAccount(_ctx, id) {
    return {
      accountId: id,
      async claims() {
        return {
          sub: id,
          email: id,
          email_verified: true,
          family_name: "Соколова",
          given_name: "Марина",
          middle_name: "Андреевна",
        };
      },
    };
  },
  features: { devInteractions: { enabled: true } },
  cookies: { keys: ["dnevnik-test-cookie-key"] },
});
provider.proxy = false;
provider.listen(port, "127.0.0.1", () => {
  console.log(`oidc-provider ready at ${issuer}`);
});
