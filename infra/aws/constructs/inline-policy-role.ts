import { PolicyDocument, Role } from 'aws-cdk-lib/aws-iam';
import type { AddToPrincipalPolicyResult, PolicyStatement, RoleProps } from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';

/**
 * A role whose grants land in one inline policy of the role itself, instead of the separate
 * AWS::IAM::Policy resource (DefaultPolicy) CDK adds per role. The permissions are the same (both
 * are inline policies of the role, under the same 10 KB limit); the stack has one resource less
 * per function, which keeps the stateless stack under CloudFormation's 500 resources. The document
 * is resolved at synth, so grants made after construction are included.
 */
export class InlinePolicyRole extends Role {
  private readonly access: PolicyDocument;

  constructor(scope: Construct, id: string, props: RoleProps) {
    const access = new PolicyDocument();
    super(scope, id, { ...props, inlinePolicies: { ...props.inlinePolicies, access } });
    this.access = access;
  }

  override addToPrincipalPolicy(statement: PolicyStatement): AddToPrincipalPolicyResult {
    this.access.addStatements(statement);
    return { statementAdded: true, policyDependable: this };
  }
}
