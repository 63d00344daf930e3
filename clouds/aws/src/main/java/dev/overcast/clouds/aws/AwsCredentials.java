package dev.overcast.clouds.aws;

import java.util.regex.Pattern;

/**
 * Who the adapter acts as, given as configuration. Production assumes a role in the customer's account
 * with an external id (the confused-deputy guard AWS recommends for third parties); local runs and
 * emulators use static keys. Nothing else in the adapter knows which one it got.
 */
public sealed interface AwsCredentials {

    /** Assume {@code roleArn} through STS, proving {@code externalId}; sessions are named {@code sessionName}. */
    record AssumeRole(String roleArn, String externalId, String sessionName) implements AwsCredentials {
        private static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/[\\w+=,.@/-]+");
        private static final Pattern EXTERNAL_ID = Pattern.compile("[\\w+=,.@:/-]{2,1224}");
        private static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]{2,64}");

        public AssumeRole {
            require("roleArn", roleArn, ROLE_ARN, "an IAM role ARN, arn:aws:iam::<12 digits>:role/<name>");
            require("externalId", externalId, EXTERNAL_ID, "2 to 1224 characters of letters, digits and +=,.@:/-");
            require("sessionName", sessionName, SESSION_NAME, "2 to 64 characters of letters, digits and +=,.@-");
        }
    }

    /** Long-lived keys; for emulators and development accounts only. */
    record StaticKeys(String accessKeyId, String secretAccessKey) implements AwsCredentials {
        private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9]{1,128}");

        public StaticKeys {
            require("accessKeyId", accessKeyId, KEY_ID, "1 to 128 letters or digits");
            if (secretAccessKey == null || secretAccessKey.isBlank()) {
                throw new IllegalArgumentException("secretAccessKey must not be blank");
            }
        }

        /** Never prints the secret. */
        @Override
        public String toString() {
            return "StaticKeys[accessKeyId=" + accessKeyId + "]";
        }
    }

    private static void require(String field, String value, Pattern rule, String ruleText) {
        if (value == null || !rule.matcher(value).matches()) {
            throw new IllegalArgumentException(field + " must be " + ruleText + ", was " + (value == null ? "missing" : "'" + value + "'"));
        }
    }
}
