/** The starting text of the SLA editor: Oakestra's nginx example, trimmed to what it needs. */
export const SAMPLE_SLA = JSON.stringify(
  {
    sla_version: 'v2.0',
    customerID: 'Admin',
    applications: [
      {
        applicationID: '',
        application_name: 'demo',
        application_namespace: 'test',
        application_desc: 'An nginx server',
        microservices: [
          {
            microserviceID: '',
            microservice_name: 'nginx',
            microservice_namespace: 'test',
            virtualization: 'container',
            cmd: [],
            memory: 100,
            vcpus: 1,
            vgpus: 0,
            vtpus: 0,
            bandwidth_in: 0,
            bandwidth_out: 0,
            storage: 0,
            code: 'docker.io/library/nginx:latest',
            state: '',
            port: '8080:80/tcp',
            added_files: [],
            constraints: [],
          },
        ],
      },
    ],
  },
  null,
  2,
);
