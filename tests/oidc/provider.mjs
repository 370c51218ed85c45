// A real OpenID Connect provider on localhost for tests/test_e2e_oidc.py (npm package oidc-provider).
// usage: node provider.mjs PORT CLIENT_ID CLIENT_SECRET REDIRECT_URI
// Its development sign-in pages accept any login and password; the login typed is the account,
// and its e-mail is the login itself when it holds an '@', else login@kemensos.example.
import Provider from 'oidc-provider';

const [port, clientId, clientSecret, redirectUri] = process.argv.slice(2);
const issuer = `http://127.0.0.1:${port}`;

const provider = new Provider(issuer, {
  clients: [{
    client_id: clientId,
    client_secret: clientSecret,
    redirect_uris: [redirectUri],
    post_logout_redirect_uris: [redirectUri],
    response_types: ['code'],
    grant_types: ['authorization_code'],
  }],
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
  // Streamlit reads the identity from the ID token's claims (Authlib's parsed userinfo)
  conformIdTokenClaims: false,
  async findAccount(ctx, id) {
    return {
      accountId: id,
      async claims() {
        const email = id.includes('@') ? id : `${id}@kemensos.example`;
        return { sub: id, email, email_verified: true, name: `Pengguna ${id.split('@')[0]}` };
      },
    };
  },
  cookies: { keys: ['kunci-cookie-khusus-uji'] },
  features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
});

provider.listen(Number(port), '127.0.0.1', () => {
  console.log(`oidc-provider siap di ${issuer}`);
});
