// A real OpenID Connect provider (the certified `oidc-provider` package) on loopback, for the
// sign-in browser tests. Its configuration comes as JSON in OIDC_TEST_CONFIG:
//   {"port": 9999, "client_id": "...", "client_secret": "...", "redirect_uri": "http://127.0.0.1:8501/oauth2callback",
//    "accounts": {"mette": {"email": "...", "name": "...", "groups": ["..."]}}, "id_token_ttl": 3600, "max_seconds": 600}
// The development sign-in form takes an account's id as its login (any password). It listens on
// 127.0.0.1 only and stops by itself after max_seconds.
import Provider from 'oidc-provider';

const config = JSON.parse(process.env.OIDC_TEST_CONFIG);
const issuer = `http://127.0.0.1:${config.port}`;

const provider = new Provider(issuer, {
  clients: [{
    client_id: config.client_id,
    client_secret: config.client_secret,
    redirect_uris: [config.redirect_uri],
    post_logout_redirect_uris: [config.redirect_uri],
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_basic',
  }],
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name', 'groups'],
  },
  // the claims of the scopes asked for go into the ID token (Streamlit reads the ID token)
  conformIdTokenClaims: false,
  ttl: { IdToken: config.id_token_ttl || 3600, Session: 3600, Interaction: 600, Grant: 3600 },
  cookies: { keys: ['udrulningsplan-test-only-cookie-key'] },
  features: { devInteractions: { enabled: true } },
  async findAccount(ctx, id) {
    const account = config.accounts[id];
    if (!account) return undefined;
    return {
      accountId: id,
      async claims() {
        return { sub: id, email_verified: true, ...account };
      },
    };
  },
});
provider.proxy = false;

const server = provider.listen(config.port, '127.0.0.1', () => {
  console.log(`listening ${issuer}`);
});
setTimeout(() => { server.close(); process.exit(0); }, (config.max_seconds || 600) * 1000);
process.on('SIGTERM', () => { server.close(); process.exit(0); });
